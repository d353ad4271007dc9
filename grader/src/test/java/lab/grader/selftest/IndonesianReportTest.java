package lab.grader.selftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import lab.grader.Grading;
import lab.grader.report.GradeReport;
import lab.grader.rubric.ExerciseSpec;
import lab.grader.rubric.Rubric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A grading run with -Dlang=id, through the real runner (grading JVMs of their own), as
 * {@code mvn verify -Dlang=id -Dexercise=async} does: the console table, summary.md and the outputs
 * of results.json are in Indonesian, including the failure messages composed inside the grading
 * JVMs. One fast exercise (async), on the solutions (the passing verdict) and on the stubs (failures).
 */
@org.junit.jupiter.api.Tag(lab.grader.selftest.SideBySide.TAG)
class IndonesianReportTest {

    record Run(GradeReport report, String console, String summary, JsonNode json) {
    }

    static Run gradeInIndonesian(String module, Path out) throws Exception {
        String saved = System.getProperty("lang");
        System.setProperty("lang", "id"); // what -Dlang=id sets in GradeMain's JVM
        try {
            List<ExerciseSpec> async = Rubric.load().select("async");
            Grading grading = new Grading(module, SelfGradeTest.graderClasspath(), List.of(SelfGradeTest.classesOf(module)),
                    Grading.standardFlags(System.getProperty("lab.jvm.flags", "")), Duration.ofMinutes(5),
                    out.resolve("grade"), out.resolve("surefire-reports"));
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            GradeReport report = grading.run(async, new PrintStream(console, true, StandardCharsets.UTF_8));
            String text = console.toString(StandardCharsets.UTF_8);
            System.out.println(text);
            return new Run(report, text, Files.readString(out.resolve("grade/summary.md")),
                    new ObjectMapper().readTree(out.resolve("grade/results.json").toFile()));
        } finally {
            if (saved == null) {
                System.clearProperty("lang");
            } else {
                System.setProperty("lang", saved);
            }
        }
    }

    @Test
    void solutionsGetAnIndonesianTableAndVerdict(@TempDir Path out) throws Exception {
        Run r = gradeInIndonesian("solutions", out);
        assertEquals(12, r.report().points(), r.console());

        assertTrue(r.summary().startsWith("# Concurrency Lab: nilai solutions\n"), r.summary());
        assertTrue(r.summary().contains("| latihan | poin | hasil |"), r.summary());
        assertTrue(r.summary().contains("| async | 12/12 | gather menjaga urutan (8 tugas, selesai dalam urutan terbalik)"), r.summary());
        assertTrue(r.summary().contains("| **total** | **12/12** | dinilai dalam "), r.summary());
        assertFalse(r.summary().contains("graded in"), r.summary());

        assertTrue(r.console().contains("Menilai async ... 12/12 poin ("), r.console());
        assertTrue(r.console().matches("(?s).*\nlatihan +poin +hasil\n.*"), r.console());
        assertTrue(r.console().matches("(?s).*\nasync +12/12 +gather menjaga urutan .*"), r.console());
        // Seconds with the Indonesian decimal comma.
        assertTrue(r.console().matches("(?s).*\ntotal +12/12 +dinilai dalam \\d+,\\d s\n.*"), r.console());
        assertTrue(r.console().contains("Semua pemeriksaan lulus."), r.console());
        assertTrue(r.console().contains("Laporan: grader/target/grade/summary.md"), r.console());

        for (JsonNode t : r.json().get("tests")) {
            assertEquals("Lulus.", t.get("output").asText(), t.toString());
            assertTrue(t.get("name").asText().startsWith("async: "), t.toString());
        }
        assertTrue(r.json().get("output").asText().startsWith("async: 12/12 - gather menjaga urutan"), r.json().toString());
        assertTrue(r.json().has("max_score") && r.json().get("tests").get(0).has("visibility"), "Gradescope's field names stay");
    }

    @Test
    void stubsGetIndonesianFailureMessagesFromTheGradingJvms(@TempDir Path out) throws Exception {
        Run r = gradeInIndonesian("exercises", out);
        assertEquals(0, r.report().points(), r.console());

        assertTrue(r.summary().contains("| async | 0/12 | 7 dari 7 pemeriksaan gagal; yang pertama: "), r.summary());
        assertTrue(r.summary().contains("\n## Pemeriksaan yang gagal\n"), r.summary());
        assertTrue(r.summary().contains("\n### async: gather men-start semua 8 tugas sebelum ada yang selesai, masing-masing tepat satu kali (2 poin)\n"),
                r.summary());
        // Composed inside a grading JVM: the language reached it.
        assertTrue(r.summary().contains("Belum ditulis: TODO"), r.summary());
        assertFalse(r.summary().contains("Not written yet"), r.summary());
        assertFalse(r.summary().contains("Failed checks"), r.summary());

        assertTrue(r.console().contains("\nPemeriksaan yang gagal\n"), r.console());
        assertTrue(r.console().contains("Belum ditulis: TODO"), r.console());
        assertTrue(r.console().contains("- async: gather langsung kembali; future-nya belum selesai selama tugas-tugasnya berjalan; tidak ada thread yang menunggu di join() per tugas (2 poin)"),
                r.console());
        assertFalse(r.console().contains("Every check passed"), r.console());

        for (JsonNode t : r.json().get("tests")) {
            assertEquals("failed", t.get("status").asText(), "Gradescope's status values stay");
            assertTrue(t.get("output").asText().startsWith("Belum ditulis: TODO"), t.toString());
        }
        String xml = Files.readString(out.resolve("surefire-reports/TEST-lab.grader.async.AsyncChecks.xml"));
        assertTrue(xml.contains("message=\"Belum ditulis: TODO"), xml);
    }
}
