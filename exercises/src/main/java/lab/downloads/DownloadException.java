package lab.downloads;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Thrown by {@link Downloader#downloadAll(java.util.List, int)} when at least one download failed.
 * It names <em>every</em> URI that failed, with the reason for each: a failure is never swallowed,
 * and one failure never hides another.
 *
 * <p>This class is <b>given</b>: it is the same in the exercises and in the solutions, and you do
 * not need to change it.
 *
 * <p>The message lists the failed URIs in sorted order, one per line, each with its exception,
 * so the same failures always give the same message. Every failure is also attached as a
 * suppressed exception, so a printed stack trace shows where each one came from.
 *
 * <p>See the lesson: <a href="06-downloads.md">06-downloads.md</a>
 */
public class DownloadException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Unmodifiable; keeps the order of the map given to the constructor. */
    private final Map<URI, Exception> failures;

    /**
     * Creates an exception for the given failed downloads.
     *
     * @param failures each failed URI with the exception that made it fail; copied, so later
     *        changes to the caller's map do not show here
     * @throws NullPointerException if {@code failures}, one of its URIs or one of its exceptions
     *         is null
     * @throws IllegalArgumentException if {@code failures} is empty (nothing failed, so there is
     *         nothing to throw)
     */
    public DownloadException(Map<URI, Exception> failures) {
        super(message(failures));
        this.failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
        for (Exception failure : new TreeMap<>(this.failures).values()) {
            addSuppressed(failure);
        }
    }

    /**
     * Every failed URI with the exception that made it fail.
     *
     * @return an unmodifiable map, never empty
     */
    public Map<URI, Exception> failures() {
        return failures;
    }

    /** Validates the map (it runs before the constructor body) and builds the message. */
    private static String message(Map<URI, Exception> failures) {
        Objects.requireNonNull(failures, "failures");
        if (failures.isEmpty()) {
            throw new IllegalArgumentException("failures must not be empty");
        }
        // TreeMap: sorted by URI, so the message does not depend on which download finished
        // first. It also rejects a null URI with a NullPointerException.
        Map<URI, Exception> sorted = new TreeMap<>();
        for (Map.Entry<URI, Exception> entry : failures.entrySet()) {
            URI uri = Objects.requireNonNull(entry.getKey(), "a failed URI is null");
            Exception failure = Objects.requireNonNull(entry.getValue(), "no exception for " + uri);
            sorted.put(uri, failure);
        }
        StringBuilder message = new StringBuilder()
                .append(sorted.size())
                .append(sorted.size() == 1 ? " download failed:" : " downloads failed:");
        for (Map.Entry<URI, Exception> entry : sorted.entrySet()) {
            message.append(System.lineSeparator())
                    .append("  ").append(entry.getKey())
                    .append(" -> ").append(entry.getValue());
        }
        return message.toString();
    }
}
