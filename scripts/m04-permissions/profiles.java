///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:iam
//DEPS software.amazon.awssdk:iam-policy-builder
//DEPS software.amazon.awssdk:sts
//SOURCES ../lib/DemoCommand.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamPrincipalType;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

@Command(name = "profiles", mixinStandardHelpOptions = true,
        description = {"Named profiles, in a throw-away AWS config and credentials file (never your own ~/.aws): a user's",
                "access keys, a role profile (role_arn + source_profile), --profile and AWS_PROFILE, which identity each",
                "resolves to, ProfileCredentialsProvider and the order of the default credential provider chain."})
class profiles implements Callable<Integer> {
    private static final String USER_PROFILE = "course-dev";
    private static final String ROLE_PROFILE = "course-reader";
    private static final String SESSION_NAME = "course-profiles";

    @Mixin
    DemoCommand.TargetOptions targetOptions;

    /** Everything this run created, deleted in reverse order in finally. */
    private final Demo.Cleanup cleanup = new Demo.Cleanup();
    private Demo.Target target;
    private Path config;
    private Path credentials;

    public static void main(String[] args) {
        DemoCommand.main(new profiles(), args);
    }

    @Override
    public Integer call() throws IOException {
        target = targetOptions.resolve();
        Demo.clearSdkDefaults(); // this lesson shows where the SDK finds its settings, so it sets none ahead
        System.out.println(target.describe());
        Path folder = folder();
        // With the SDK's defaults cleared, the client that creates the user and role is told the target outright.
        try (IamClient iam = target.configure(IamClient.builder()).build()) {
            try {
                run(iam, folder);
            } finally {
                cleanup.run();
            }
        }
        return 0;
    }

    /** A new temporary folder for the two files, deleted at the end. */
    private Path folder() throws IOException {
        Path temporary = Files.createTempDirectory("course-profiles");
        cleanup.add("folder " + temporary, () -> deleteFolder(temporary));
        return temporary;
    }

    private void run(IamClient iam, Path folder) throws IOException {
        String userName = Demo.uniqueName("course-profiles-dev");
        String roleName = Demo.uniqueName("course-profiles-reader");
        String roleArn = "arn:aws:iam::" + target.account() + ":role/" + roleName;

        Demo.step("An IAM user with programmatic access: an access key and its secret");
        String userArn = iam.createUser(r -> r.userName(userName)).user().arn();
        cleanup.add("user " + userName, () -> iam.deleteUser(r -> r.userName(userName)));
        String mayAssume = IamPolicy.builder()
                .addStatement(s -> s.effect(IamEffect.ALLOW).addAction("sts:AssumeRole").addResource(roleArn))
                .build().toJson();
        iam.putUserPolicy(r -> r.userName(userName).policyName("assume-reader").policyDocument(mayAssume));
        cleanup.add("inline policy assume-reader", () -> iam.deleteUserPolicy(r -> r.userName(userName).policyName("assume-reader")));
        AccessKey key = iam.createAccessKey(r -> r.userName(userName)).accessKey();
        cleanup.add("access key " + key.accessKeyId(), () -> iam.deleteAccessKey(r -> r.userName(userName).accessKeyId(key.accessKeyId())));
        Demo.show("User", userArn);
        Demo.show("Access key", key.accessKeyId() + " (secret " + Demo.mask(key.secretAccessKey()) + ")");

        Demo.step("A role the user may assume");
        String trust = IamPolicy.builder()
                .addStatement(s -> s.effect(IamEffect.ALLOW).addPrincipal(IamPrincipalType.AWS, userArn).addAction("sts:AssumeRole"))
                .build().toJson();
        iam.createRole(r -> r.roleName(roleName).assumeRolePolicyDocument(trust));
        cleanup.add("role " + roleName, () -> iam.deleteRole(r -> r.roleName(roleName)));
        Demo.show("Role", roleArn);

        Demo.step("A throw-away config and credentials file (your ~/.aws stays untouched)");
        config = folder.resolve("config");
        credentials = folder.resolve("credentials");
        String endpointLine = target.endpoint() == null ? "" : "endpoint_url = " + target.endpoint() + "\n";
        Files.writeString(credentials, "[" + USER_PROFILE + "]\naws_access_key_id = " + key.accessKeyId()
                + "\naws_secret_access_key = " + key.secretAccessKey() + "\n");
        Files.writeString(config, "[profile " + USER_PROFILE + "]\nregion = " + target.region().id() + "\n" + endpointLine
                + "\n[profile " + ROLE_PROFILE + "]\nrole_arn = " + roleArn + "\nsource_profile = " + USER_PROFILE
                + "\nrole_session_name = " + SESSION_NAME + "\nregion = " + target.region().id() + "\n" + endpointLine);
        Demo.show("Credentials file", credentials);
        Files.readString(credentials).lines().forEach(line -> Demo.say("  " + line.replace(key.secretAccessKey(), Demo.mask(key.secretAccessKey()))));
        Demo.show("Config file", config);
        Files.readString(config).lines().forEach(line -> Demo.say("  " + line));
        Demo.say("Keys live in 'credentials' under [name]; settings in 'config' under [profile name].");
        ProfileFile files = ProfileFile.aggregator()
                .addFile(ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build())
                .addFile(ProfileFile.builder().content(credentials).type(ProfileFile.Type.CREDENTIALS).build())
                .build();

        Demo.step("--profile " + USER_PROFILE + ": ProfileCredentialsProvider reads the keys of that profile");
        cli("aws sts get-caller-identity --profile " + USER_PROFILE);
        ProfileCredentialsProvider userProfile = ProfileCredentialsProvider.builder().profileFile(files).profileName(USER_PROFILE).build();
        Demo.show("Arn", Demo.whilePropagating(() -> callerArn(userProfile, files, USER_PROFILE), "AccessDenied", "InvalidClientTokenId"));
        Demo.say("The client also took the profile's region" + (target.endpoint() == null ? "" : " and endpoint_url") + " from the file.");

        Demo.step("AWS_PROFILE=" + USER_PROFILE + ": the default credential chain picks that profile");
        cli("AWS_PROFILE=" + USER_PROFILE + " aws sts get-caller-identity");
        Demo.say("A running JVM cannot change its environment; the SDK reads the system property aws.profile first,");
        Demo.say("so -Daws.profile=" + USER_PROFILE + " (set here with System.setProperty) does what AWS_PROFILE does.");
        withSystemProperty("aws.profile", USER_PROFILE, () -> {
            try (DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().profileFile(files).build()) {
                Demo.show("Key", chain.resolveCredentials().accessKeyId());
                Demo.show("Arn", callerArn(chain, files, USER_PROFILE));
            }
        });

        Demo.step("A role profile: role_arn + source_profile, so the SDK calls AssumeRole for you");
        cli("aws sts get-caller-identity --profile " + ROLE_PROFILE);
        ProfileCredentialsProvider roleProfile = ProfileCredentialsProvider.builder().profileFile(files).profileName(ROLE_PROFILE).build();
        if (target.endpoint() == null) {
            Demo.show("Arn", Demo.whilePropagating(() -> callerArn(roleProfile, files, ROLE_PROFILE), "AccessDenied", "InvalidClientTokenId"));
        } else {
            Demo.say("To assume the role the SDK builds its own STS client, and that client does not read the");
            Demo.say("profile's endpoint_url: it would call AWS's STS, not " + target.endpoint() + ":");
            try {
                roleProfile.resolveCredentials();
                Demo.show("AssumeRole", "answered — this SDK version does read the profile's endpoint_url");
            } catch (SdkException e) {
                Demo.show("Without AWS_ENDPOINT_URL", failure(e));
            }
            Demo.say("It does read AWS_ENDPOINT_URL (in a JVM also -Daws.endpointUrl), like every SDK client:");
            withSystemProperty("aws.endpointUrl", target.endpoint().toString(), () -> {
                try (ProfileCredentialsProvider role = ProfileCredentialsProvider.builder().profileFile(files).profileName(ROLE_PROFILE).build()) {
                    Demo.show("With AWS_ENDPOINT_URL=" + target.endpoint(), callerArn(role, files, ROLE_PROFILE));
                }
            });
            Demo.say("Debian's AWS CLI 2.9 has no such setting for that call; there, assume the role by hand:");
            cli("aws sts assume-role --role-arn " + roleArn + " --role-session-name " + SESSION_NAME + " --profile " + USER_PROFILE);
        }

        Demo.step("The default credential provider chain, in order: the first that finds credentials wins");
        // https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/credentials-chain.html
        Map<String, Supplier<AwsCredentialsProvider>> chain = new LinkedHashMap<>();
        chain.put("1. Java system properties aws.accessKeyId, aws.secretAccessKey", SystemPropertyCredentialsProvider::create);
        chain.put("2. environment AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY", EnvironmentVariableCredentialsProvider::create);
        chain.put("3. web identity token (AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN)", WebIdentityTokenFileCredentialsProvider::create);
        chain.put("4. profile (AWS_PROFILE, else default) in the config and credentials files",
                () -> ProfileCredentialsProvider.builder().profileFile(files).profileName(USER_PROFILE).build());
        chain.put("5. container credentials (ECS, EKS Pod Identity)", ContainerCredentialsProvider::create);
        chain.put("6. EC2 instance profile (instance metadata)", InstanceProfileCredentialsProvider::create);
        // Outside EC2 the instance metadata service never answers; don't wait for it.
        boolean[] winner = {false};
        withSystemProperty("aws.disableEc2Metadata", "true", () -> chain.forEach((name, provider) -> {
            String found;
            try {
                found = "found key " + provider.get().resolveCredentials().accessKeyId() + (winner[0] ? "" : "  ← the chain uses this one");
                winner[0] = true;
            } catch (SdkException | IllegalStateException e) {
                found = "nothing here";
            }
            Demo.show(name, found);
        }));
        Demo.say("(profile 4 is shown as " + USER_PROFILE + " from the throw-away files, as AWS_PROFILE would select it)");
    }

    /** GetCallerIdentity with a client that takes its region (and endpoint_url) from the profile. */
    private static String callerArn(AwsCredentialsProvider provider, ProfileFile files, String profile) {
        try (StsClient sts = StsClient.builder().credentialsProvider(provider)
                .overrideConfiguration(o -> o.defaultProfileFile(files).defaultProfileName(profile)).build()) {
            return sts.getCallerIdentity().arn();
        }
    }

    /** Prints an AWS CLI command that uses the throw-away files, aimed at the demo's endpoint. */
    private void cli(String command) {
        // Debian's AWS CLI (2.9) reads neither AWS_ENDPOINT_URL nor a profile's endpoint_url: local targets need the flag.
        Demo.say("$ AWS_CONFIG_FILE=" + config + " AWS_SHARED_CREDENTIALS_FILE=" + credentials + " " + command
                + (target.endpoint() == null ? "" : " --endpoint-url " + target.endpoint()));
    }

    private static void withSystemProperty(String name, String value, Runnable action) {
        String previous = System.getProperty(name);
        System.setProperty(name, value);
        try {
            action.run();
        } finally {
            if (previous == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, previous);
            }
        }
    }


    /** The first sentence of an SDK error, and what the network said underneath (e.g. which host did not resolve). */
    private static String failure(SdkException e) {
        String message = firstLine(e.getMessage());
        int sentence = message.indexOf(". ");
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return (sentence < 0 ? message : message.substring(0, sentence + 1))
                + (root == e ? "" : " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")");
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static void deleteFolder(Path folder) {
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
