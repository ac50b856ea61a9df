package course.sandbox.apigateway.invoke;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mapping templates (VTL) with API Gateway's variables, as the mapping template reference shows them.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html">Variables for data transformations</a>
 */
class MappingTemplatesTest {
    private final MappingTemplates templates = new MappingTemplates();
    private final MappingTemplates.Input input = new MappingTemplates.Input(
            "{\"order\": {\"items\": [{\"sku\": \"A-1\", \"qty\": 2}, {\"sku\": \"B-7\", \"qty\": 1}]}, \"note\": \"it's \\\"fine\\\"\"}",
            Map.of("id", "42"), Map.of("sort", "desc"), Map.of("X-Tenant", "acme"));

    private String render(String template) {
        return templates.render(template, input, Map.of("requestId", "req-1", "identity", Map.of("sourceIp", "127.0.0.1")),
                Map.of("version", "v2"));
    }

    @Test
    void inputContextStageVariablesAndUtil() {
        assertEquals("42 desc acme", render("$input.params('id') $input.params('sort') $input.params('x-tenant')"));
        assertEquals("{\"sku\":\"A-1\",\"qty\":2}", render("$input.json('$.order.items[0]')"));
        assertEquals("A-1:2 B-7:1 ", render("#foreach($item in $input.path('$.order.items'))$item.sku:$item.qty #end"));
        assertEquals("req-1 127.0.0.1 v2", render("$context.requestId $context.identity.sourceIp $stageVariables.version"));
        assertEquals("it\\'s \\\"fine\\\"", render("$util.escapeJavaScript($input.path('$.note'))"));
        assertEquals("a%2Fb a/b", render("$util.urlEncode('a/b') $util.urlDecode('a%2Fb')"));
        assertEquals("{id=42}", render("$input.params().path"));
    }

    @Test
    void templatesCannotReachClassesOrLoopForever() {
        assertEquals("$input.getClass().forName('java.lang.Runtime')", render("$input.getClass().forName('java.lang.Runtime')"));
        String loop = render("#foreach($i in [1..100000])x#end");
        assertEquals(1000, loop.length());
        assertTrue(templates.render("plain", input, Map.of(), Map.of()).equals("plain"));
    }
}
