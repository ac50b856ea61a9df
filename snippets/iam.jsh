// JBang's JShell adds every system module; limited to what the SDK needs, no incubator module warns.
//RUNTIME_OPTIONS --limit-modules=java.se,jdk.jshell,jdk.unsupported,jdk.crypto.ec,jdk.charsets,jdk.localedata,jdk.zipfs,jdk.net,jdk.management,jdk.jfr,jdk.naming.dns
//DEPS software.amazon.awssdk:iam
//DEPS software.amazon.awssdk:iam-policy-builder
//SOURCES ../scripts/lib/Demo.java
// IAM, ready to use: ./jbang run -i snippets/iam.jsh (target: AWS_ENDPOINT_URL, else AWS credentials, else the sandbox)

import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamPrincipalType;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ContextEntry;
import software.amazon.awssdk.services.iam.model.ContextKeyTypeEnum;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.User;

var target = Demo.target(); // AWS_ENDPOINT_URL, else AWS credentials, else the sandbox: now the SDK's default
System.out.println(target.describe());
var iam = IamClient.builder().build(); // IAM is global: its client has no create()

/** A one-statement Allow policy as JSON, e.g. allow("s3:GetObject", "*"), built with the SDK's IamPolicy. */
String allow(String action, String resource) {
    return IamPolicy.builder().addStatement(s -> s.effect(IamEffect.ALLOW).addAction(action).addResource(resource)).build().toJson();
}

System.out.println("""
        Ready: iam (IamClient), IamPolicy (the SDK's policy builder), allow(action, resource) = a one-statement policy. Try this:
          iam.listUsers().users()
          iam.simulateCustomPolicy(r -> r.policyInputList(allow("s3:Get*", "*")).actionNames("s3:GetObject", "s3:PutObject")).evaluationResults()
          var noDelete = IamPolicy.builder().addStatement(s -> s.effect(IamEffect.DENY).addAction("s3:DeleteObject").addResource("*")).build()
          noDelete.toJson()
          IamPolicy.fromJson(noDelete.toJson()).statements()
          iam.createUser(r -> r.userName(Demo.uniqueName("student"))).user().arn()
        """);
