package lab.grader.spotbugs;

import lab.grader.i18n.Messages;

/**
 * One SpotBugs finding in a submission's class: the bug pattern and where it is.
 *
 * @param pattern SpotBugs' bug pattern ("WA_NOT_IN_LOOP")
 * @param className the class it is in ("lab.queue.BoundedBuffer")
 * @param method the method it is in ("put"), or "" when SpotBugs names none
 * @param file the source file ("BoundedBuffer.java"), or "?" when the class has none recorded
 * @param line the line, or -1 when SpotBugs names none
 * @param field the field it is about ("count"), or "" when it is about none
 */
public record Finding(String pattern, String className, String method, String file, int line, String field) {

    /** The exercise whose package holds the class ({@code lab.counter.X}: counter), or "". */
    public String exercise() {
        String[] parts = className.split("\\.");
        return parts.length >= 3 && parts[0].equals("lab") ? parts[1] : "";
    }

    /** "lab.queue.BoundedBuffer.put (BoundedBuffer.java:42)": where a student looks, in the kit's usual form. */
    public String place() {
        String where = method.isEmpty() ? className : className + "." + method;
        return where + " (" + file + (line > 0 ? ":" + line : "") + ")";
    }

    /**
     * One line for the student: where, what SpotBugs saw and what to try, from the bundle key
     * {@code spotbugs.<PATTERN>}, or the generic one for a pattern the kit has no words for.
     */
    public String describe() {
        String key = "spotbugs." + pattern;
        return Messages.has(key) ? Messages.get(key, place(), field.isEmpty() ? "-" : field)
                : Messages.get("spotbugs.other", place(), pattern);
    }
}
