//RUNTIME_OPTIONS -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8
//DEPS software.amazon.awssdk:bom:2.41.18@pom
//DEPS software.amazon.awssdk:sts
//DEPS info.picocli:picocli:4.7.7
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES ../scripts/lib/Demo.java
// STS, ready to use: ./jbang run -i snippets/sts.jsh (target: AWS_ENDPOINT_URL, else AWS credentials, else the sandbox)

import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

var target = new Demo.TargetOptions().resolve();
System.out.println(target.describe());
var sts = target.configure(StsClient.builder()).build();

System.out.println("""
        Ready: sts (StsClient), target (Demo.Target). Try this:
          sts.getCallerIdentity()
          sts.getSessionToken(r -> r.durationSeconds(900)).credentials().expiration()
          Demo.mask(sts.getSessionToken().credentials().sessionToken())
        """);
