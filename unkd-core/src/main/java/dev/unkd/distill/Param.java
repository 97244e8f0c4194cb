package dev.unkd.distill;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes one parameter of a method's settings record, on the record component itself: the
 * one place its command-line flag and help text are written. Its name (the component's, which
 * is also its experiment-config key), type and default (the registered defaults') come from the
 * record; {@link MethodDescriptor} reads them all into {@link MethodParameter}s, from which the
 * command-line options, the experiment keys and the provenance maps are derived. Every component
 * of a registered settings record carries one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Param {
    /** Help text: what the parameter is, without its default (which is added where shown). */
    String description();

    /** The flag of {@code unkd distill} that sets it ("--groups"), or "" when only experiments and code set it. */
    String flag() default "";

    /**
     * Whether {@link #flag} belongs to the command or to another method rather than to this one:
     * the KD weight's {@code --kd-weight}, common to every method, the student's {@code --lr} that
     * DE-RRD's and HTD's networks train with, or another method's flag for a parameter of the same
     * meaning (rrd's and de's parameters take DE-RRD's {@code --rrd-t}, {@code --experts}, ...).
     * The method then defines no option of its own and takes that option's value when it has one.
     */
    boolean shared() default false;

    /**
     * For a component added after runs were stored: its value (as {@code String.valueOf} prints it)
     * at which the method behaves as it did before the component existed. Run keys leave the
     * component out at that value, so the stored runs keep their keys ("" = always in the key).
     */
    String keyNeutral() default "";
}
