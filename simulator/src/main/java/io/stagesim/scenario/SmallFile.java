package io.stagesim.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads the text files a scenario names (itself, its {@code extends} base, empirical samples)
 * without trusting them: only a regular file is opened (a FIFO would block the open for ever, a
 * device such as {@code /dev/zero} never ends), and never more than {@link #MAX_BYTES} are read,
 * whatever size the file system reports.
 */
final class SmallFile {

    /** Largest file read, in bytes: 4 Mi characters of at most 4 bytes each (see {@link YamlReader#MAX_CHARS}). */
    static final int MAX_BYTES = YamlReader.MAX_CHARS * 4;

    /** A file refused before or while reading it; the message says why. */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private SmallFile() {
    }

    /**
     * The UTF-8 text of {@code file}, shown as {@code shown} and named a {@code kind} (e.g.
     * "scenario file") in messages. Throws {@link Refused} for a folder, anything that is not a
     * regular file, or a file over the limit; {@link java.nio.file.NoSuchFileException} when it is
     * missing; {@link java.nio.charset.CharacterCodingException} when it is not UTF-8.
     */
    static String read(Path file, String shown, String kind) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        if (a.isDirectory()) {
            throw new Refused("'" + shown + "' is a folder, not a " + kind);
        }
        if (!a.isRegularFile()) {
            throw new Refused("'" + shown + "' is a device, FIFO or socket, not a " + kind + "; give a regular file");
        }
        String tooLarge = "'" + shown + "' is larger than " + kind + "s may be (" + (MAX_BYTES >> 20) + " MiB)";
        if (a.size() > MAX_BYTES) {
            throw new Refused(tooLarge);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            // one byte more than allowed tells a file at the limit from one beyond it
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw new Refused(tooLarge);
        }
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }
}
