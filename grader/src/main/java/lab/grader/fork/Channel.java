package lab.grader.fork;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.util.Collection;
import java.util.Map;

/**
 * The grading JVM's report line to the runner: one JSON event per line on the JVM's real standard
 * output, each prefixed with a token the runner handed over on standard input.
 *
 * <p>Student code prints into {@link CapturedOutput}, never here; a line without the token (text a
 * student wrote to the file descriptor directly, fake "Tests run" or "BUILD SUCCESS" lines) is kept
 * as plain output and can never count as a result.
 *
 * <p>Written with jackson-core's streaming generator, not databind's ObjectMapper: the events hold
 * only strings, numbers, booleans, lists and maps, and databind's start-up (some 400 classes, and
 * java.beans) was a measurable share of every grading JVM's start.
 */
public final class Channel {
    private static final JsonFactory JSON = new JsonFactory();
    private final PrintStream out;
    private final String token;

    public Channel(PrintStream out, String token) {
        this.out = out;
        this.token = token;
    }

    /** Sends one event: a type and its fields. */
    public synchronized void send(String type, Object... keyValues) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField("type", type);
            for (int i = 0; i + 1 < keyValues.length; i += 2) {
                json.writeFieldName((String) keyValues[i]);
                write(json, keyValues[i + 1]);
            }
            json.writeEndObject();
        } catch (IOException | RuntimeException e) {
            out.print(token + " {\"type\":\"broken-event\"}\n");
            out.flush();
            return;
        }
        out.print(token + " " + text + "\n");
        out.flush();
    }

    /** One value of an event: null, a string, a number, a boolean, a collection or a map of them; anything else as its text. */
    private static void write(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String s) {
            json.writeString(s);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number n) {
            json.writeNumber(n.doubleValue());
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                json.writeFieldName(String.valueOf(e.getKey()));
                write(json, e.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof Collection<?> list) {
            json.writeStartArray();
            for (Object item : list) {
                write(json, item);
            }
            json.writeEndArray();
        } else {
            json.writeString(String.valueOf(value));
        }
    }
}
