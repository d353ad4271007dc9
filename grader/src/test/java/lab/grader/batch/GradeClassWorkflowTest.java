package lab.grader.batch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The instructor's {@code .github/workflows/grade-class.yml} runs the commands the README gives, with what
 * grading needs installed (that the student edition lacks it is {@code InstructorPackagesTest}'s).
 */
@org.junit.jupiter.api.Tag(lab.grader.selftest.SideBySide.TAG)
class GradeClassWorkflowTest {
    @Test
    void theWorkflowGradesEveryShardInTheSandboxAndMergesThem() throws Exception {
        String workflow = Files.readString(SubmissionTest.ROOT.resolve(".github/workflows/grade-class.yml"));
        for (String step : List.of("workflow_dispatch", "actions/checkout@v4", "actions/setup-java@v4", "java-version: '17'",
                "apt-get install -y -q --no-install-recommends bubblewrap", "kernel.apparmor_restrict_unprivileged_userns=0",
                "shard: ${{ fromJSON(needs.submissions.outputs.shards) }}", "fail-fast: false",
                "SHARD: ${{ matrix.shard }}/${{ inputs.shards }}",
                "mvn -B -ntp -Pbatch verify -Dsubmissions=submissions \"-Dshard=$SHARD\"",
                "name: shard-${{ matrix.shard }}", "path: target/batch", "pattern: shard-*",
                "mvn -B -ntp -Pbatch-merge verify -Dshards=shards", "name: gradebook", "if: ${{ !cancelled() }}",
                "gh repo list \"$ORG\"", "gh repo clone", "secrets.CLASSROOM_TOKEN", "tar -cf submissions.tar")) {
            assertTrue(workflow.contains(step), step);
        }
        // Inputs reach the shell through the environment only, never spliced into a script.
        for (String line : workflow.lines().toList()) {
            if (line.contains("${{ inputs.")) {
                assertFalse(line.contains("run:") || line.strip().startsWith("mvn") || line.strip().startsWith("gh"), line);
            }
        }
        // The README gives the same commands.
        String readme = Files.readString(SubmissionTest.ROOT.resolve("README.md"));
        for (String command : List.of("gh repo list \"$ORG\" --limit 5000 --json name --jq '.[].name' > repos.txt",
                "gh repo clone \"$ORG/$repo\" \"submissions/${repo#\"$PREFIX\"-}\" -- --depth 1 --quiet < /dev/null",
                "mvn -Pbatch-merge verify -Dshards=DIR", "-Dshard=K/N", ".github/workflows/grade-class.yml")) {
            assertTrue(readme.contains(command), command);
            assertTrue(!command.startsWith("gh") || workflow.contains(command), "the workflow runs the README's command: " + command);
        }
    }
}
