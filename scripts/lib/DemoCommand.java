//DEPS info.picocli:picocli:4.7.7
//SOURCES Demo.java

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A demo as a command line (picocli): the AWS CLI's target flags, --help, -V, and errors as one
 * line. Demos include this file with //SOURCES; snippets include only Demo.java.
 */
public final class DemoCommand {

    private DemoCommand() {
    }

    /** Runs a picocli demo command and exits with its code; the only System.exit a demo needs. */
    public static void main(Object command, String[] args) {
        Demo.preferLightHttpClient();
        warmUpInBackground();
        CommandLine commandLine = new CommandLine(command);
        configure(commandLine);
        commandLine.setParameterExceptionHandler((error, ignored) -> {
            error.getCommandLine().getErr().println(error.getMessage() + " (see --help)");
            return 2;
        });
        commandLine.setExecutionExceptionHandler((error, failed, parseResult) -> {
            if (error instanceof Demo.UserError) {
                failed.getErr().println(error.getMessage());
                return 1;
            }
            if (error instanceof SdkException) {
                // The service's answer is the lesson; a stack trace would only hide it.
                failed.getErr().println("Request failed: " + Demo.firstLine(error.getMessage()));
                return 1;
            }
            throw error;
        });
        int exitCode = commandLine.execute(args);
        stopHttpClientSelectors();
        System.exit(exitCode);
    }

    /** The AWS CLI's target flags, shared by every demo. */
    public static final class TargetOptions {
        @Option(names = "--profile", paramLabel = "NAME", description = "Use this profile from ~/.aws/config and credentials.")
        String profile;

        @Option(names = "--region", paramLabel = "REGION", description = "Region, e.g. eu-west-1 (default: from profile or environment).")
        String region;

        @Option(names = "--endpoint-url", paramLabel = "URL", description = "Send every request to this endpoint (also: AWS_ENDPOINT_URL).")
        String endpointUrl;

        @Option(names = "--local", description = "Use the local sandbox on 127.0.0.1, starting it if needed.")
        boolean local;

        /** Decides the target (see Demo.target) and makes it the SDK's default. */
        public Demo.Target resolve() {
            return Demo.target(profile, region, endpointUrl, local);
        }
    }

    /** -V prints the versions; help text wraps between words only (at picocli's 80 columns). */
    private static void configure(CommandLine commandLine) {
        CommandSpec spec = commandLine.getCommandSpec();
        spec.versionProvider(() -> new String[] {Demo.versions()});
        spec.usageMessage().sectionMap().put(UsageMessageSpec.SECTION_KEY_DESCRIPTION,
                help -> wrap(String.join(" ", help.commandSpec().usageMessage().description()), "", help.commandSpec().usageMessage().width()));
        spec.usageMessage().sectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, help -> list(help, help.commandSpec().options().stream()
                .filter(option -> !option.hidden()).sorted(sortOrder(help)).map(option -> (ArgSpec) option).toList(),
                option -> help.createDefaultOptionRenderer().render((CommandLine.Model.OptionSpec) option, help.createDefaultParamLabelRenderer(), help.colorScheme())));
        spec.usageMessage().sectionMap().put(UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, help -> list(help,
                help.commandSpec().positionalParameters().stream().filter(parameter -> !parameter.hidden()).map(parameter -> (ArgSpec) parameter).toList(),
                parameter -> help.createDefaultParameterRenderer().render((CommandLine.Model.PositionalParamSpec) parameter, help.createDefaultParamLabelRenderer(), help.colorScheme())));
        commandLine.getSubcommands().values().forEach(DemoCommand::configure);
    }

    private static java.util.Comparator<CommandLine.Model.OptionSpec> sortOrder(Help help) {
        if (!help.commandSpec().usageMessage().sortOptions()) {
            return (a, b) -> 0;
        }
        return java.util.Comparator.comparing(option -> option.longestName().replaceFirst("^-+", "").toLowerCase());
    }

    /**
     * Options or parameters as picocli lays them out (names, then the description in a column),
     * but with each description as one paragraph wrapped between words: picocli's own wrapping
     * breaks after ':' (s3:|GetObject) and keeps every description line a line of its own.
     */
    private static String list(Help help, List<ArgSpec> args, Function<ArgSpec, Help.Ansi.Text[][]> renderer) {
        int width = help.commandSpec().usageMessage().width();
        int column = 6 + help.commandSpec().usageMessage().longOptionsMaxWidth() + 1;
        StringBuilder out = new StringBuilder();
        for (ArgSpec arg : args) {
            Help.Ansi.Text[][] rows = renderer.apply(arg);
            // picocli's columns: required marker, short name, comma, long name with its label, description.
            Help.Ansi.Text[] first = rows[0];
            String name = String.format("%1s %-2s%1s %s", first[0].plainString().strip(), first[1].plainString().strip(),
                    first[2].plainString().strip(), first[3].plainString().strip()).stripTrailing();
            List<String> description = new ArrayList<>();
            for (Help.Ansi.Text[] cells : rows) {
                String text = cells[cells.length - 1].plainString().strip();
                if (!text.isEmpty()) {
                    description.add(text);
                }
            }
            String indent = " ".repeat(column);
            if (name.length() + 1 > column) {
                out.append(name).append(System.lineSeparator());
                out.append(wrap(String.join(" ", description), indent, width));
            } else {
                String wrapped = wrap(String.join(" ", description), indent, width);
                out.append(name).append(wrapped.isEmpty() ? System.lineSeparator() : wrapped.substring(name.length()));
            }
        }
        return out.toString();
    }

    /** {@code text} as lines of at most {@code width} characters, broken at spaces only, each starting with {@code indent}. */
    private static String wrap(String text, String indent, int width) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder(indent);
        for (String word : text.strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
                out.append(line).append(System.lineSeparator());
                line = new StringBuilder(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > indent.length()) {
            out.append(line).append(System.lineSeparator());
        }
        return out.toString();
    }

    /**
     * While picocli reads the command line, a daemon thread builds and closes one SDK client: a
     * JVM's first client spends ~0.3 s loading what all clients share (HTTP client, region and
     * service metadata); the demo's own clients then skip that. Nothing is sent.
     */
    private static void warmUpInBackground() {
        Thread warmUp = new Thread(() -> {
            try {
                StsClient.builder().region(Region.US_EAST_1).credentialsProvider(AnonymousCredentialsProvider.create()).build().close();
            } catch (RuntimeException ignored) {
                // A real problem shows up again, with a proper message, when the demo builds its own client.
            }
        }, "warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /**
     * JDK 17's java.net.http client has no close(), and its selector thread waits in native code,
     * which a JVM exit waits ~0.3 s for; interrupted, it stops at once.
     */
    private static void stopHttpClientSelectors() {
        Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("HttpClient-") && thread.getName().endsWith("-SelectorManager"))
                .forEach(Thread::interrupt);
    }
}
