package dev.unkd.cli;

import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * An option value read by a core type's own parser: its IllegalArgumentException (which names the
 * choices) becomes picocli's usage error, so a bad value exits 1 with that message.
 */
abstract class ParsedConverter<T> implements ITypeConverter<T> {
    private final Function<String, T> parser;

    ParsedConverter(Function<String, T> parser) {
        this.parser = parser;
    }

    @Override
    public T convert(String value) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
