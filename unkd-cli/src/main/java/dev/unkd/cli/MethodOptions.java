package dev.unkd.cli;

import dev.unkd.distill.DistillationMethods;
import dev.unkd.distill.DistillerSettings;
import dev.unkd.distill.MethodDescriptor;
import dev.unkd.distill.MethodParameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The distillation options of {@code unkd distill}, derived from the registered methods'
 * parameter descriptions ({@link DistillationMethods}, {@link dev.unkd.distill.Param}): {@code --method},
 * the common {@code --kd-weight}, and a help section per method ("UnKD options", "RD options", ...)
 * with an option for each parameter that has a flag of its own. Parameters without a flag are
 * listed in the footer (experiment configs set them).
 */
final class MethodOptions {
    static final String METHOD = "--method";
    static final String KD_WEIGHT = "--kd-weight";

    private MethodOptions() {
    }

    /**
     * Adds the options to a command being built; {@code extras} are command-line-only options by
     * method name, shown in that method's section (e.g. UnKD's {@code --pairs}).
     */
    static CommandSpec addTo(CommandSpec spec, Map<String, List<OptionSpec>> extras) {
        spec.addOption(OptionSpec.builder(METHOD).type(String.class).paramLabel("<method>").defaultValue(DistillationMethods.UNKD.name())
                .description(String.join(", ", DistillationMethods.names()) + " (default: ${DEFAULT-VALUE}).").build());
        spec.addOption(OptionSpec.builder(KD_WEIGHT).type(Double.class).paramLabel("<kdWeight>")
                .description("Weight of the distillation term (default: the method's, chosen on CiteULike validation users: "
                        + DistillationMethods.all().stream().filter(m -> m.parameter("kdWeight").isPresent())
                                .map(m -> m.parameter("kdWeight").get().defaultValue() + " for " + m.name()).collect(Collectors.joining(", "))
                        + "; see each method's section).")
                .build());
        List<String> flagless = new ArrayList<>();
        for (MethodDescriptor<?> m : DistillationMethods.all()) {
            List<OptionSpec> options = new ArrayList<>();
            for (MethodParameter p : m.parameters()) {
                if (p.ownFlag()) {
                    options.add(option(p));
                }
            }
            options.addAll(extras.getOrDefault(m.name(), List.of()));
            String unflagged = m.parameters().stream().filter(p -> p.flag().isEmpty()).map(p -> p.name() + "=" + p.defaultValue())
                    .collect(Collectors.joining(", "));
            if (!unflagged.isEmpty()) {
                flagless.add("  " + m.name() + ": " + unflagged);
            }
            if (options.isEmpty()) {
                continue;
            }
            ArgGroupSpec.Builder group = ArgGroupSpec.builder().heading(heading(m)).exclusive(false).multiplicity("0..1").validate(false);
            options.forEach(group::addArg);
            spec.addArgGroup(group.build());
        }
        if (!flagless.isEmpty()) {
            List<String> footer = new ArrayList<>(List.of(spec.usageMessage().footer()));
            footer.add("%nParameters without a flag, set in experiment configs (methods[].params), with their defaults:");
            footer.addAll(flagless);
            spec.usageMessage().footer(footer.toArray(String[]::new));
        }
        return spec;
    }

    /** "UnKD options: ...", then the shared flags that also set this method's parameters, with this method's defaults. */
    private static String heading(MethodDescriptor<?> m) {
        StringBuilder sb = new StringBuilder("%n").append(m.label()).append(" options: ").append(m.description()).append("%n");
        for (MethodParameter p : m.parameters()) {
            if (p.sharedFlag()) {
                // this method's own default: a shared flag's option shows its owner's (unkd-plus and UnKD differ in zeroPopularity)
                sb.append("  ").append(p.flag().orElseThrow()).append(": ").append(p.description()).append(" (default: ")
                        .append(p.defaultValue()).append(").%n");
            }
        }
        return sb.toString();
    }

    /** A parameter's option: no default of its own (an absent flag keeps the method's default), so booleans are plain on/off. */
    private static OptionSpec option(MethodParameter p) {
        Class<?> type = p.type() == boolean.class ? Boolean.class : p.type();
        OptionSpec.Builder b = OptionSpec.builder(p.flag().orElseThrow()).type(type).paramLabel("<" + p.name() + ">")
                .description(p.description() + " (default: " + p.defaultValue() + ").");
        if (type == Boolean.class) {
            b.negatable(true).arity("0");
        }
        return b.build();
    }

    /** The method given by --method. */
    static MethodDescriptor<?> method(CommandSpec spec) {
        return DistillationMethods.parse(spec.findOption(METHOD).getValue());
    }

    /**
     * The method's settings: its defaults with the parameters whose flags were given, and those
     * whose shared flag has a value (--kd-weight when given, the student's --lr always).
     */
    static DistillerSettings settings(CommandSpec spec, MethodDescriptor<?> m) {
        ParseResult parsed = spec.commandLine().getParseResult();
        Map<String, Object> values = new LinkedHashMap<>();
        for (MethodParameter p : m.parameters()) {
            if (p.flag().isEmpty()) {
                continue;
            }
            String flag = p.flag().get();
            OptionSpec option = spec.findOption(flag);
            if (option == null) {
                throw new IllegalStateException(m.name() + "." + p.name() + ": no option " + flag);
            }
            Object value = option.getValue();
            if (p.sharedFlag() ? value != null : parsed.hasMatchedOption(flag)) {
                values.put(p.name(), value);
            }
        }
        return m.with(values);
    }

    /** The flags of a method's own parameters (its section, without the extras). */
    static List<String> ownFlags(MethodDescriptor<?> m) {
        return m.parameters().stream().filter(MethodParameter::ownFlag).map(p -> p.flag().orElseThrow()).toList();
    }

    /** Given flags of other methods' sections, by the label of the method they belong to. */
    static Map<String, String> otherMethodsFlags(CommandSpec spec, MethodDescriptor<?> chosen, Map<String, List<String>> extras) {
        ParseResult parsed = spec.commandLine().getParseResult();
        Map<String, String> given = new LinkedHashMap<>();
        // a flag another method defines but the chosen one shares (rrd's --rrd-t, DE-RRD's) applies to it
        List<String> shared = chosen.parameters().stream().filter(MethodParameter::sharedFlag).map(p -> p.flag().orElseThrow()).toList();
        for (MethodDescriptor<?> m : DistillationMethods.all()) {
            if (m == chosen) {
                continue;
            }
            List<String> flags = new ArrayList<>(ownFlags(m));
            flags.addAll(extras.getOrDefault(m.name(), List.of()));
            for (String f : flags) {
                if (parsed.hasMatchedOption(f) && !shared.contains(f)) {
                    given.put(f, m.label());
                }
            }
        }
        return given;
    }
}
