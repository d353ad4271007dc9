package lab.grader.rubric;

/**
 * One graded check: a test method of the exercise's checks class, and its points.
 *
 * @param id the test method's name in the checks class
 * @param points what the check is worth
 */
public record CheckSpec(String id, int points) {
}
