package lab.grader.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A view of a file or folder that a sandbox's own user can read although the original may be root's alone
 * (the Gradescope autograder keeps its kit that way): files any user may read are hard-linked (they stay
 * root's, read-only), the rest are copied with read permission for all; folders are made anew.
 */
final class ReadableView {
    private static final Set<PosixFilePermission> READ_ALL = PosixFilePermissions.fromString("rw-r--r--");

    private ReadableView() {
    }

    /** True when every file under {@code path} can be read, and every folder entered, by any user. */
    static boolean openToAll(Path path) {
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.allMatch(p -> {
                try {
                    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                    return perms.contains(PosixFilePermission.OTHERS_READ)
                            && (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) || perms.contains(PosixFilePermission.OTHERS_EXECUTE));
                } catch (IOException | UnsupportedOperationException e) {
                    return false;
                }
            });
        } catch (IOException e) {
            return false;
        }
    }

    /** Makes the {@code n}-th view of a sandboxed process, of {@code from}, in {@code dir}; returns where it is. */
    static Path stage(Path from, Path dir, int n) throws IOException {
        Path view = dir.resolve("readable-" + n + (Files.isDirectory(from) ? "" : "-" + from.getFileName()));
        make(from, view);
        return view;
    }

    /** Makes {@code target} a view of {@code from} that any user can read. */
    static void make(Path from, Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path to = p.equals(from) ? target : target.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(to);
                    Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    if (to.getParent() != null) {
                        Files.createDirectories(to.getParent());
                    }
                    if (!link(p, to)) {
                        Files.copy(p, to);
                        Files.setPosixFilePermissions(to, READ_ALL);
                    }
                }
            }
        }
    }

    /** A hard link, where the file is readable by all already and the file system allows it. */
    private static boolean link(Path from, Path to) {
        try {
            if (!Files.getPosixFilePermissions(from).contains(PosixFilePermission.OTHERS_READ)) {
                return false;
            }
            Files.createLink(to, from);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
