package dev.tidings.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tidings.app.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DESIGN §3's leniency and strictness, per attribute type, through real HTTP against our own org. */
class AttributeTypesTest {
    private static final String ORG = "types";
    private static final String ATTRIBUTES = """
            {"name":"customer_id","type":"CUSTOMER","required":true,"identifierType":"MOBILE","addCustomerIfNotExists":true},
            {"name":"code","type":"STRING","pattern":"[A-Z]{3}-[0-9]+"},
            {"name":"label","type":"STRING"},
            {"name":"amount","type":"DOUBLE"},
            {"name":"count","type":"INTEGER"},
            {"name":"flag","type":"BOOLEAN"},
            {"name":"day","type":"DATE"},
            {"name":"size","type":"ENUM","values":["S","M","12"]},
            {"name":"must","type":"STRING","required":true}""";

    private static TestServer server;
    private static String hook;
    private static String credential;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.root("POST", "/api/v1/orgs", "{\"id\":\"" + ORG + "\"}");
        createEvent("typed", ATTRIBUTES, "REJECT");
        createEvent("typed_loose", ATTRIBUTES, "IGNORE");
        for (String type : new String[] {"MOBILE", "EMAIL", "EXTERNAL_ID", "USER_ID", "CARD_NUMBER"}) {
            createEvent("by_" + type.toLowerCase(), "{\"name\":\"who\",\"type\":\"CUSTOMER\",\"required\":true,"
                    + "\"identifierType\":\"" + type + "\",\"addCustomerIfNotExists\":true}", "REJECT");
        }
        JsonNode created = server.root("POST", "/api/v1/orgs/" + ORG + "/webhooks", "{}").json();
        hook = created.get("id").textValue();
        credential = created.get("credential").textValue();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0} = {1} is accepted")
    @CsvSource(delimiter = '|', value = {
        "code|\"ABC-123\"", "label|\"any text\"", "label|42", "label|true", "label|\"\"",
        "amount|20", "amount|20.5", "amount|\"20\"", "amount|\"-3.25\"", "amount|1e3", "amount|0",
        "count|3", "count|\"3\"", "count|-7", "count|9007199254740993",
        "flag|true", "flag|false", "flag|\"true\"", "flag|\"false\"",
        "day|\"2024-04-11 12:00:00\"", "day|\"2024-04-11\"", "day|\"11-04-2024\"", "day|\"04/11/2024\"",
        "day|\"2024-04-11T12:00:00+05:30\"", "day|1712836800000",
        "size|\"S\"", "size|\"12\"", "size|12",
        "customer_id|\"9933772255\"", "customer_id|9933772255", "customer_id|\"+919933772255\""})
    void aValueOfTheRightTypeIsAccepted(String attribute, String json) {
        TestServer.Answer answer = post("typed", attribute, json);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().at("/status/code").intValue()).isEqualTo(1100);
    }

    @ParameterizedTest(name = "{0} = {1} is {2}")
    @CsvSource(delimiter = '|', value = {
        "code|\"abc-123\"|PATTERN_MISMATCH", "code|\"ABC-\"|PATTERN_MISMATCH", "code|\"xABC-1\"|PATTERN_MISMATCH",
        "label|{\"a\":1}|WRONG_TYPE", "label|[\"a\"]|WRONG_TYPE",
        "amount|\"NaN\"|WRONG_TYPE", "amount|\"Infinity\"|WRONG_TYPE", "amount|\"-Infinity\"|WRONG_TYPE",
        "amount|\"\"|WRONG_TYPE", "amount|true|WRONG_TYPE", "amount|\"abc\"|WRONG_TYPE", "amount|\"20 \"|WRONG_TYPE",
        "amount|1e400|WRONG_TYPE", "amount|[20]|WRONG_TYPE", "amount|{\"v\":20}|WRONG_TYPE",
        "count|2.5|WRONG_TYPE", "count|\"2.5\"|WRONG_TYPE", "count|true|WRONG_TYPE", "count|\"\"|WRONG_TYPE",
        "count|99999999999999999999|WRONG_TYPE", "count|[3]|WRONG_TYPE",
        "flag|1|WRONG_TYPE", "flag|\"yes\"|WRONG_TYPE", "flag|\"\"|WRONG_TYPE", "flag|[true]|WRONG_TYPE",
        "day|\"yesterday\"|BAD_DATE", "day|\"2024-13-45\"|BAD_DATE", "day|true|BAD_DATE", "day|\"\"|BAD_DATE",
        "day|{\"d\":1}|WRONG_TYPE",
        "size|\"L\"|NOT_IN_ENUM", "size|\"s\"|NOT_IN_ENUM", "size|13|NOT_IN_ENUM", "size|[\"S\"]|WRONG_TYPE",
        "customer_id|\"abc\"|WRONG_TYPE", "customer_id|\"\"|REQUIRED", "customer_id|true|WRONG_TYPE",
        "customer_id|{\"mobile\":\"9933772255\"}|WRONG_TYPE",
        "customer_id|null|REQUIRED", "must|null|REQUIRED",
        "unexpected|1|UNKNOWN_ATTRIBUTE"})
    void aValueOfTheWrongTypeIsRejectedWithItsCode(String attribute, String json, String code) {
        TestServer.Answer answer = post("typed", attribute, json);
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        JsonNode errors = answer.json().get("errors");
        assertThat(errors).as(answer.body()).hasSize(1);
        assertThat(errors.get(0).get("attribute").textValue()).isEqualTo(attribute);
        assertThat(errors.get(0).get("code").textValue()).isEqualTo(code);
        assertThat(errors.get(0).get("message").textValue()).contains(attribute);
        assertThat(answer.json().at("/status/code").intValue()).isEqualTo(1204);
    }

    @ParameterizedTest(name = "a {0} customer identifier {1} is accepted")
    @CsvSource(delimiter = '|', value = {
        "mobile|\"9933772255\"", "mobile|\"+447700900123\"", "mobile|\"+44 7700 900123\"", "email|\"ann@example.com\"",
        "external_id|\"ext-42\"", "external_id|42", "user_id|\"u_1\"", "card_number|\"4111111111111111\""})
    void eachIdentifierTypeAcceptsItsOwnShape(String type, String json) {
        TestServer.Answer answer = server.postEvent(hook, credential,
                "{\"event_name\":\"by_" + type + "\",\"who\":" + json + "}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    @ParameterizedTest(name = "a {0} customer identifier {1} is WRONG_TYPE")
    @CsvSource(delimiter = '|', value = {
        "mobile|\"12345\"", "mobile|\"99337722ab\"", "mobile|\"+44 12\"", "email|\"not-an-address\"", "email|\"@example.com\"",
        "email|\"ann@\"", "external_id|\"   \"", "card_number|false", "user_id|[\"u_1\"]"})
    void eachIdentifierTypeRejectsWhatCannotBeIt(String type, String json) {
        TestServer.Answer answer = server.postEvent(hook, credential,
                "{\"event_name\":\"by_" + type + "\",\"who\":" + json + "}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().get("errors").get(0).get("code").textValue()).isEqualTo("WRONG_TYPE");
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsOwnCode() {
        TestServer.Answer answer = server.postEvent(hook, credential, """
                {"event_name":"typed","customer_id":"9933772255","code":"nope","amount":"NaN","count":2.5,
                 "flag":"maybe","day":"someday","size":"XL","extra":1}""");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("errors")).extracting(e -> e.get("attribute").textValue() + ":" + e.get("code").textValue())
                .containsExactlyInAnyOrder("code:PATTERN_MISMATCH", "amount:WRONG_TYPE", "count:WRONG_TYPE",
                        "flag:WRONG_TYPE", "day:BAD_DATE", "size:NOT_IN_ENUM", "must:REQUIRED", "extra:UNKNOWN_ATTRIBUTE");
    }

    @Test
    void unknownAttributesAreIgnoredWhenTheDefinitionSaysIgnore() {
        String body = "{\"event_name\":\"typed_loose\",\"customer_id\":\"9933772255\",\"must\":\"x\",\"extra\":{\"any\":[1]}}";
        assertThat(server.postEvent(hook, credential, body).status()).isEqualTo(200);
        TestServer.Answer strict = server.postEvent(hook, credential, body.replace("typed_loose", "typed"));
        assertThat(strict.status()).isEqualTo(400);
        assertThat(strict.json().get("errors").get(0).get("code").textValue()).isEqualTo("UNKNOWN_ATTRIBUTE");
    }

    @Test
    void eventDateTimeIsAStandardAttributeCheckedAsADate() {
        String base = "{\"event_name\":\"typed\",\"customer_id\":\"9933772255\",\"must\":\"x\",\"eventDateTime\":";
        assertThat(server.postEvent(hook, credential, base + "\"2024-04-11 12:00:00\"}").status()).isEqualTo(200);
        TestServer.Answer bad = server.postEvent(hook, credential, base + "\"not a date\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("code").textValue()).isEqualTo("BAD_DATE");
    }

    @Test
    void aNullOptionalAttributeIsTheSameAsAnAbsentOne() {
        assertThat(post("typed", "amount", "null").status()).isEqualTo(200);
    }

    private static TestServer.Answer post(String event, String attribute, String json) {
        StringBuilder body = new StringBuilder("{\"event_name\":\"" + event + "\"");
        if (!attribute.equals("customer_id")) {
            body.append(",\"customer_id\":\"9933772255\"");
        }
        if (!attribute.equals("must")) {
            body.append(",\"must\":\"present\"");
        }
        body.append(",\"").append(attribute).append("\":").append(json).append('}');
        return server.postEvent(hook, credential, body.toString());
    }

    private static void createEvent(String name, String attributes, String unknown) {
        TestServer.Answer a = server.root("POST", "/api/v1/orgs/" + ORG + "/events",
                "{\"name\":\"" + name + "\",\"attributes\":[" + attributes + "],\"unknownAttributes\":\"" + unknown + "\"}");
        assertThat(a.status()).as(a.body()).isEqualTo(201);
    }
}
