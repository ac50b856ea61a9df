///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS software.amazon.awssdk:sts
//SOURCES ../lib/DemoCommand.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import java.util.concurrent.Callable;

@Command(name = "whoami", mixinStandardHelpOptions = true,
        description = "Who am I, where, and with which credentials? STS GetCallerIdentity, the first call of every AWS session.")
class whoami implements Callable<Integer> {
    @Mixin
    DemoCommand.TargetOptions targetOptions;

    public static void main(String[] args) {
        DemoCommand.main(new whoami(), args);
    }

    @Override
    public Integer call() {
        Demo.Target target = targetOptions.resolve();
        System.out.println(target.describe());

        Demo.step("Where the credentials came from");
        Demo.show("Source", target.credentials().source());
        Demo.show("Access key id", target.credentials().provider().resolveCredentials().accessKeyId());
        Demo.show("Region", target.region().id());

        Demo.step("Ask STS who these credentials belong to (GetCallerIdentity needs no permission)");
        try (StsClient sts = StsClient.create()) {
            GetCallerIdentityResponse identity = sts.getCallerIdentity();
            Demo.show("Account", identity.account());
            Demo.show("ARN", identity.arn());
            Demo.show("UserId", identity.userId());
        }
        return 0;
    }
}
