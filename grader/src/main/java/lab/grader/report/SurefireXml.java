package lab.grader.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import lab.grader.run.CheckResult;
import lab.grader.run.ExerciseResult;

/**
 * {@code TEST-<checks class>.xml} files in Surefire's report format, one per exercise, for
 * maven-surefire-report-plugin's HTML and for any CI that reads JUnit XML.
 *
 * <p>The grader writes them from the recorded results rather than letting Surefire run the checks:
 * Surefire fails the whole build when a test JVM exits (System.exit in student code) and no report
 * would be written at all. Written here, the XML always agrees with the score.
 */
public final class SurefireXml {
    private SurefireXml() {
    }

    public static void write(ExerciseResult e, Path dir) throws IOException {
        String suite = e.spec().checksClass();
        Path file = dir.resolve("TEST-" + suite + ".xml");
        long failures = e.checks().stream().filter(r -> !e.earned(r)).count();
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", suite);
            x.writeAttribute("time", secs(e.millis()));
            x.writeAttribute("tests", String.valueOf(e.checks().size()));
            x.writeAttribute("errors", "0");
            x.writeAttribute("skipped", "0");
            x.writeAttribute("failures", String.valueOf(failures));
            x.writeCharacters("\n");
            for (CheckResult r : e.checks()) {
                x.writeStartElement("testcase");
                x.writeAttribute("name", r.id());
                x.writeAttribute("classname", suite);
                x.writeAttribute("time", secs(r.millis()));
                if (!e.earned(r)) {
                    String why = r.passed() ? e.problem() : r.message();
                    why = clean(why == null ? "" : why);
                    x.writeStartElement("failure");
                    x.writeAttribute("message", GradeReport.firstLine(why));
                    x.writeAttribute("type", r.key() == null ? "failed" : r.key());
                    x.writeCharacters(why);
                    x.writeEndElement();
                }
                if (!r.output().isBlank()) {
                    x.writeStartElement("system-out");
                    x.writeCharacters(clean(r.output()));
                    x.writeEndElement();
                }
                x.writeEndElement();
                x.writeCharacters("\n");
            }
            if (!e.jvmOutput().isBlank()) {
                x.writeStartElement("system-err");
                x.writeCharacters(clean(e.jvmOutput()));
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException ex) {
            throw new IOException("cannot write " + file, ex);
        }
    }

    private static String secs(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** XML 1.0 cannot hold most control characters, which student output may contain. */
    private static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c > 0xFFFF;
            b.appendCodePoint(ok ? c : '?');
        });
        return b.toString();
    }
}
