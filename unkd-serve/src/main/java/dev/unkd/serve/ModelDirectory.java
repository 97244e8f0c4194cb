package dev.unkd.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The one folder a reload request may load model files from. A requested name (relative to the
 * folder, or absolute) is resolved to its real path, symbolic links followed, and accepted only
 * if that real path lies inside the folder's real path and is a regular file: no {@code ..}
 * escapes, no links out of the folder, no FIFOs, devices or directories. Every refusal is an
 * {@link IOException} whose message is for the server log only (it names paths); clients get a
 * generic answer.
 */
public final class ModelDirectory {
    private final Path root;

    private ModelDirectory(Path root) {
        this.root = root;
    }

    /** The folder {@code dir}, which must exist; its real path is fixed now. */
    public static ModelDirectory of(Path dir) throws IOException {
        Path real = dir.toRealPath();
        if (!Files.isDirectory(real)) {
            throw new IOException(dir + ": not a directory");
        }
        return new ModelDirectory(real);
    }

    /** The folder holding {@code modelFile}: the default model directory of a server. */
    public static ModelDirectory around(Path modelFile) throws IOException {
        Path parent = modelFile.toAbsolutePath().getParent();
        return of(parent == null ? Path.of("/") : parent);
    }

    /** The real path of the folder. */
    public Path root() {
        return root;
    }

    /** The real path of a requested model file inside this folder, or an IOException saying why not. */
    public Path resolve(String requested) throws IOException {
        Path asked;
        try {
            asked = root.resolve(requested); // an absolute request replaces the root, then must still land inside it
        } catch (InvalidPathException e) {
            throw new IOException("invalid path '" + requested + "': " + e.getMessage());
        }
        Path real = asked.toRealPath(); // NoSuchFileException when missing; follows links so their targets are checked
        if (!real.startsWith(root)) {
            throw new IOException(asked + " resolves to " + real + ", outside the model directory " + root);
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(real + ": not a regular file");
        }
        return real;
    }

    /** How a reply names a file: relative to this folder when inside it, else its file name only (never an absolute path). */
    public String nameOf(Path file) {
        Path abs;
        try {
            abs = file.toRealPath();
        } catch (IOException e) {
            abs = file.toAbsolutePath().normalize();
        }
        if (abs.startsWith(root)) {
            return root.relativize(abs).toString();
        }
        Path name = abs.getFileName();
        return name == null ? "" : name.toString();
    }
}
