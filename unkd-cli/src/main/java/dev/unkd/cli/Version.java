package dev.unkd.cli;

import picocli.CommandLine;

/** Version line with the JVM and machine, as LensKit's CLI prints them. */
final class Version implements CommandLine.IVersionProvider {
    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        Runtime rt = Runtime.getRuntime();
        return new String[] {
            "unkd " + version(),
            "JVM " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", " + rt.availableProcessors() + " processors, max heap " + (rt.maxMemory() >> 20) + " MiB"
        };
    }
}
