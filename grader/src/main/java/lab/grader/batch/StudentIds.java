package lab.grader.batch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Student ids are data, not paths: a submission folder's name (or {@code --student}) becomes the name
 * of the student's report folder and a gradebook cell, so only names that are safe as both are used
 * as they are. Any other name is mapped to {@code student-<first 10 hex digits of its SHA-256>}
 * (stable across runs), and the original is kept only as data (the gradebook's {@code original_id}).
 */
final class StudentIds {
    /** At most this many characters (code points). */
    static final int MAX_LENGTH = 100;

    /**
     * Letters (any script, with their combining marks), digits, {@code -}, {@code _}, {@code .}; a letter,
     * digit or {@code _} first (so never {@code .}, {@code ..}, a hidden file or an option).
     */
    private static final Pattern SAFE = Pattern.compile("[\\p{L}\\p{Nd}_][\\p{L}\\p{M}\\p{Nd}_.-]*");

    /**
     * What the grader itself writes beside the students' folders in the batch output folder (compared
     * without case: the output folder may be on a case-insensitive file system), and the names Windows
     * keeps for devices.
     */
    static final Set<String> RESERVED = Set.of("gradebook.csv", "gradebook.csv.tmp", "index.html", ".html", ShardFile.NAME,
            "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

    private StudentIds() {
    }

    /** True when {@code id} can be used as it is: as a folder name in the batch output folder and a gradebook cell. */
    static boolean safe(String id) {
        if (id == null || id.isEmpty() || id.codePointCount(0, id.length()) > MAX_LENGTH || !SAFE.matcher(id).matches()) {
            return false;
        }
        String lower = id.toLowerCase(Locale.ROOT);
        int dot = lower.indexOf('.');
        return !RESERVED.contains(lower) && !RESERVED.contains(dot < 0 ? lower : lower.substring(0, dot));
    }

    /** The id a student is graded as: {@code original} when it is safe, else its stable hashed stand-in. */
    static String of(String original) {
        return safe(original) ? original : hashed(original);
    }

    /** {@code student-} and the first 10 hex digits of the SHA-256 of {@code original} (UTF-8). */
    static String hashed(String original) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(original.getBytes(StandardCharsets.UTF_8));
            return "student-" + HexFormat.of().formatHex(digest).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A name as it can be shown on one line: control characters (a newline, say) escaped, very long names cut. */
    static String printable(String name) {
        StringBuilder b = new StringBuilder();
        name.codePoints().limit(200).forEach(c -> {
            if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.LINE_SEPARATOR || Character.getType(c) == Character.PARAGRAPH_SEPARATOR) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return name.codePointCount(0, name.length()) > 200 ? b + "..." : b.toString();
    }
}
