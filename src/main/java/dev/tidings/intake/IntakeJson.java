package dev.tidings.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * The intake's JSON parser, configured once: duplicate keys are an error (which value would be meant?),
 * trailing content is an error, nesting and string sizes are bounded so a hostile body cannot make the
 * parser recurse or allocate without limit.
 */
public final class IntakeJson {
    private final ObjectReader reader;
    private final int maxNestingDepth;

    public IntakeJson(int maxNestingDepth, int maxBodyBytes) {
        this.maxNestingDepth = maxNestingDepth;
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxNestingDepth)
                        .maxStringLength(maxBodyBytes)
                        .maxNumberLength(400)
                        .build())
                .build();
        this.reader = new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .reader();
    }

    int maxNestingDepth() {
        return maxNestingDepth;
    }

    ObjectReader reader() {
        return reader;
    }
}
