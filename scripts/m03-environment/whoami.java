///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//RUNTIME_OPTIONS -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8
// A short run: C1 only (one compiler thread, leaving the other core to the demo), the serial GC
// and an AppCDS archive (written by the first run) start it faster; CDS notices are silenced so a
// stale archive never shows up in the narration.
//RUNTIME_OPTIONS -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xshare:auto -Xlog:cds*=off
//CDS
//DEPS software.amazon.awssdk:bom:2.41.18@pom
//DEPS software.amazon.awssdk:sts
//DEPS info.picocli:picocli:4.7.7
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES ../lib/Demo.java

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

import java.util.concurrent.Callable;

@Command(name = "whoami", mixinStandardHelpOptions = true,
        description = "Who am I, where, and with which credentials? STS GetCallerIdentity, the first call of every AWS session.")
class whoami implements Callable<Integer> {
    @Mixin
    Demo.TargetOptions targetOptions;

    public static void main(String[] args) {
        Demo.main(new whoami(), args);
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
        try (StsClient sts = target.configure(StsClient.builder()).build()) {
            GetCallerIdentityResponse identity = sts.getCallerIdentity();
            Demo.show("Account", identity.account());
            Demo.show("ARN", identity.arn());
            Demo.show("UserId", identity.userId());
        }
        return 0;
    }
}
