package lab.grader.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Deleting the grader's temporary folders: a grading JVM's working folder, a batch submission's build. */
public final class Folders {
    private Folders() {
    }

    /**
     * Deletes a folder and everything in it; nothing when it does not exist. Never follows a symbolic
     * link: a link in the folder (or the folder itself, when it is one) is deleted as a link, and what
     * it points to stays. Where the platform has {@link SecureDirectoryStream} (Linux), every folder is
     * opened relative to its parent without following links ({@code openat}, {@code O_NOFOLLOW}), so a
     * folder swapped for a link while this runs is not entered either; elsewhere Files.walk, which
     * without FOLLOW_LINKS lists a link and does not enter it.
     */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path absolute = dir.toAbsolutePath();
        Path parent = absolute.getParent();
        if (parent != null) {
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(parent)) {
                if (stream instanceof SecureDirectoryStream<Path> secure) {
                    delete(secure, absolute.getFileName());
                    return;
                }
            }
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Deletes {@code name} of the folder {@code in}: a folder with everything in it, anything else (a link too) as it is. */
    private static void delete(SecureDirectoryStream<Path> in, Path name) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = in.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
        } catch (NoSuchFileException e) {
            return;
        }
        try {
            if (attributes.isDirectory()) {
                try (SecureDirectoryStream<Path> folder = in.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
                    List<Path> names = new ArrayList<>();
                    for (Path entry : folder) {
                        names.add(entry.getFileName());
                    }
                    for (Path entry : names) {
                        delete(folder, entry);
                    }
                }
                in.deleteDirectory(name);
            } else {
                in.deleteFile(name);
            }
        } catch (NoSuchFileException e) {
            // gone meanwhile
        }
    }

    /** As {@link #deleteTree}, ignoring failures (a temporary folder left behind is not worth failing for). */
    public static void deleteQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException | RuntimeException e) {
            // left behind
        }
    }
}
