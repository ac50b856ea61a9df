// JBang's JShell adds every system module; limited to what the SDK needs, no incubator module warns.
//RUNTIME_OPTIONS --limit-modules=java.se,jdk.jshell,jdk.unsupported,jdk.crypto.ec,jdk.charsets,jdk.localedata,jdk.zipfs,jdk.net,jdk.management,jdk.jfr,jdk.naming.dns
//DEPS software.amazon.awssdk:sts
//SOURCES ../scripts/lib/Demo.java
// STS, ready to use: ./jbang run -i snippets/sts.jsh (target: AWS_ENDPOINT_URL, else AWS credentials, else the sandbox)

import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

var target = Demo.target(); // AWS_ENDPOINT_URL, else AWS credentials, else the sandbox: now the SDK's default
System.out.println(target.describe());
var sts = StsClient.create();

System.out.println("""
        Ready: sts (StsClient), target (Demo.Target). Try this:
          sts.getCallerIdentity()
          sts.getSessionToken(r -> r.durationSeconds(900)).credentials().expiration()
          Demo.mask(sts.getSessionToken().credentials().sessionToken())
        """);
