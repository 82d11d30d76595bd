package io.stagesim.cli;

import io.stagesim.cluster.ClusterSecret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * What every member of a sweep's cluster shares: the cluster's name, the secret (from the
 * environment or a file, never the command line, where any user of the machine could read it in
 * the process list) and the address the member binds to.
 */
final class ClusterOptions {

    /** The environment variable that holds the secret. */
    static final String SECRET_VARIABLE = "STAGESIM_CLUSTER_SECRET";

    @Option(names = "--cluster-name", defaultValue = "stagesim", description = "The cluster's name, the same on "
            + "every member (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--secret-file", paramLabel = "FILE", description = "A file holding the cluster's shared secret "
            + "(default: the environment variable " + SECRET_VARIABLE + "); at least 16 bytes, the same on every "
            + "member.")
    Path secretFile;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "The address this member listens on "
            + "(default: ${DEFAULT-VALUE}, this machine only; another address opens it to that network).")
    String bind;

    /** The shared secret; a user error when there is none or it is too short. */
    ClusterSecret secret() {
        byte[] bytes;
        if (secretFile != null) {
            try {
                bytes = Files.readAllBytes(secretFile);
            } catch (IOException e) {
                throw new UserError("--secret-file " + SafeFiles.shown(secretFile) + ": cannot read it ("
                        + SafeFiles.reason(e) + ")");
            }
            int end = bytes.length;
            while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
                end--; // the newline an editor or echo leaves is not part of the secret
            }
            bytes = java.util.Arrays.copyOf(bytes, end);
        } else {
            String env = System.getenv(SECRET_VARIABLE);
            if (env == null || env.isEmpty()) {
                throw new UserError("a cluster needs a shared secret: set " + SECRET_VARIABLE + " or give "
                        + "--secret-file FILE (at least " + ClusterSecret.MIN_BYTES + " bytes, the same on every "
                        + "member, e.g. from 'openssl rand -hex 32')");
            }
            bytes = env.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        try {
            return ClusterSecret.of(bytes);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** The cluster name checked: letters, digits, '.', '-' and '_'. */
    String checkedName() {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new UserError("--cluster-name must be letters, digits, '.', '-' and '_' (at most 64), was '" + name
                    + "'");
        }
        return name;
    }

    /** {@code HOST:PORT,…} as a list, each checked. */
    static java.util.List<String> addresses(String option, String text) {
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String a : text.split(",")) {
            String s = a.strip();
            int colon = s.lastIndexOf(':');
            boolean ok = colon > 0 && s.substring(colon + 1).matches("\\d{1,5}")
                    && Integer.parseInt(s.substring(colon + 1)) <= 65535;
            if (!ok) {
                throw new UserError(option + " " + text + ": expected HOST:PORT[,HOST:PORT…], such as "
                        + "127.0.0.1:5701; '" + s + "' is not one");
            }
            out.add(s);
        }
        return out;
    }
}
