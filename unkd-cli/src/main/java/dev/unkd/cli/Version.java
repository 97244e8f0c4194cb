package dev.unkd.cli;

import dev.unkd.pipeline.UnkdVersion;
import picocli.CommandLine;

/** Version line (the core's, as model files record it) with the JVM and machine, as LensKit's CLI prints them. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        Runtime rt = Runtime.getRuntime();
        return new String[] {
            "unkd " + UnkdVersion.get(),
            "JVM " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", " + rt.availableProcessors() + " processors, max heap " + (rt.maxMemory() >> 20) + " MiB"
        };
    }
}
