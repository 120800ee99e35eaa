package dev.tidings.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tidings.registry.DefinitionRules;
import dev.tidings.registry.Definitions;
import dev.tidings.registry.Orgs;
import dev.tidings.registry.Registry;
import dev.tidings.registry.Webhooks;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code --demo}: creates, when missing, the seed's example — org {@code default}, event
 * {@code be_reserved}, and the webhook {@code d61233f75191444e73a577bbbd4c26eb} with the seed's bare
 * token — so the seed's curl works against this server unchanged but for the host.
 */
public final class Demo {
    static final String ORG = "default";
    static final String WEBHOOK_ID = "d61233f75191444e73a577bbbd4c26eb";
    static final String CREDENTIAL = "test_div69fffddb";
    static final String AUTHORIZATION = "Basic dGVzdF9kaXY2OWZmZmRkYg==";
    /** The seed's {@code be_reserved} definition as the admin API takes it. */
    public static final String DEFINITION = """
            {"name":"be_reserved","displayName":"Room reserved",
             "description":"A customer reserved hotel rooms (the example of the Post Event API page).",
             "attributes":[
               {"name":"customer_id","type":"CUSTOMER","required":true,"identifierType":"MOBILE","addCustomerIfNotExists":true},
               {"name":"age","type":"DOUBLE","required":true},
               {"name":"external_event_id","type":"STRING","required":true,"uniqueKey":true},
               {"name":"hotel_name","type":"STRING","required":true},
               {"name":"room_nights","type":"ENUM","required":true,"values":["1","2","3","12"]},
               {"name":"stay_date","type":"DATE"}],
             "unknownAttributes":"REJECT"}""";

    private Demo() {}

    static void seed(Registry registry, Orgs orgs, Definitions definitions, Webhooks webhooks) {
        if (registry.org(ORG).isEmpty()) {
            orgs.create(ORG, "Demo brand");
        }
        if (registry.definition(ORG, "be_reserved") == null) {
            try {
                definitions.create(ORG, DefinitionRules.parse(new ObjectMapper().readTree(DEFINITION)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // The uniqueness check on, with external_event_id as the unique key, as on the original platform:
        // the seed's curl sent twice shows a DUPLICATE, the feature a first-time user most needs to see.
        if (registry.webhook(WEBHOOK_ID) == null) {
            webhooks.create(ORG, new Webhooks.Spec("demo", true, WEBHOOK_ID, CREDENTIAL, false));
        } else if (!registry.webhook(WEBHOOK_ID).webhook().uniquenessCheck()) {
            webhooks.update(ORG, WEBHOOK_ID, null, true);
        }
    }

    static String curl(String baseUrl, String cluster) {
        return "curl --location '" + baseUrl + "/" + cluster + "/webhooks/" + WEBHOOK_ID + "' \\\n"
                + "--header 'Content-Type: application/json' \\\n"
                + "--header 'Authorization: " + AUTHORIZATION + "' \\\n"
                + "--data '{\n\"age\":20,\n\"customer_id\":\"9933772255\",\n\"event_name\":\"be_reserved\",\n"
                + "\"external_event_id\":\"RAND121\",\n\"hotel_name\":\"Indiranagar\",\n\"room_nights\":\"12\",\n"
                + "\"eventDateTime\":\"2024-04-11 12:00:00\"\n}'";
    }

}
