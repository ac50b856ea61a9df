package course.sandbox.iam.query;

import course.sandbox.sts.query.StsOperation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Fail closed: every action the IAM and STS handlers serve is an operation of {@link IamOperation}
 * or {@link StsOperation}, the lists the pipeline authorizes from, and nothing else is listed.
 * A handler case added without its permission mapping fails here.
 */
class IamOperationTest {
    private static final Pattern CASE = Pattern.compile("case \"([A-Za-z]+)\"");

    private static Set<String> servedActions(String... sources) throws IOException {
        Set<String> actions = new TreeSet<>();
        for (String source : sources) {
            Matcher matcher = CASE.matcher(Files.readString(Path.of("src/main/java/course/sandbox", source)));
            while (matcher.find()) {
                actions.add(matcher.group(1));
            }
        }
        return actions;
    }

    private static Set<String> names(Enum<?>[] values) {
        Set<String> names = new TreeSet<>();
        for (Enum<?> value : values) {
            names.add(value.name());
        }
        return names;
    }

    @Test
    void everyIamActionTheHandlersServeHasItsPermission() throws IOException {
        assertEquals(servedActions("iam/query/IamQueryHandler.java", "iam/query/PolicySimulator.java"),
                names(IamOperation.values()));
    }

    @Test
    void everyStsActionTheHandlerServesIsDeclared() throws IOException {
        assertEquals(servedActions("sts/query/StsQueryHandler.java"), names(StsOperation.values()));
    }
}
