// JBang's JShell adds every system module; limited to what the SDK needs, no incubator module warns.
//RUNTIME_OPTIONS --limit-modules=java.se,jdk.jshell,jdk.unsupported,jdk.crypto.ec,jdk.charsets,jdk.localedata,jdk.zipfs,jdk.net,jdk.management,jdk.jfr,jdk.naming.dns
//DEPS software.amazon.awssdk:iam
//SOURCES ../scripts/lib/Demo.java
// IAM, ready to use: ./jbang run -i snippets/iam.jsh (target: AWS_ENDPOINT_URL, else AWS credentials, else the sandbox)

import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.User;

var target = Demo.target(); // AWS_ENDPOINT_URL, else AWS credentials, else the sandbox: now the SDK's default
System.out.println(target.describe());
var iam = target.configure(IamClient.builder()).build();

/** A one-statement Allow policy, e.g. allow("s3:GetObject", "*"). */
String allow(String action, String resource) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action
            + "\",\"Resource\":\"" + resource + "\"}]}";
}

System.out.println("""
        Ready: iam (IamClient), allow(action, resource) builds a policy. Try this:
          iam.listUsers().users()
          iam.simulateCustomPolicy(r -> r.policyInputList(allow("s3:Get*", "*")).actionNames("s3:GetObject", "s3:PutObject")).evaluationResults()
          iam.createUser(r -> r.userName(Demo.uniqueName("student"))).user().arn()
        """);
