package io.millrace.cli;

import picocli.CommandLine;

/** The version printed by {@code millrace --version}, from the jar manifest when packaged. */
public final class MillraceVersion implements CommandLine.IVersionProvider {

    /** Millrace's code version, recorded in provenance; "dev" when running from classes. */
    public static String codeVersion() {
        String version = Millrace.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"millrace " + codeVersion()};
    }
}
