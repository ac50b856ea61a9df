//RUNTIME_OPTIONS -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8
//DEPS software.amazon.awssdk:bom:2.41.18@pom
//DEPS software.amazon.awssdk:iam
//DEPS software.amazon.awssdk:sts
//DEPS info.picocli:picocli:4.7.7
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES ../scripts/lib/Demo.java
// IAM, ready to use: ./jbang run -i snippets/iam.jsh (target: AWS_ENDPOINT_URL, else AWS credentials, else the sandbox)

import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.User;

var target = new Demo.TargetOptions().resolve();
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
