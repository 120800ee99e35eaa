package dev.tidings.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path into a posted body as a mapping names it: dots into objects, {@code [n]} into arrays
 * ({@code guest.phone}, {@code rooms[0].nights}). Parsed once when the webhook is saved; reading it is
 * a walk of at most as many steps as the path has, so no input can make it slow.
 */
final class SourcePath {
    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)((?:\\[\\d{1,6}])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d{1,6})]");
    static final int MAX_LENGTH = 200;

    private final String text;
    /** A String (object field) or an Integer (array index) per step. */
    private final Object[] steps;

    private SourcePath(String text, Object[] steps) {
        this.text = text;
        this.steps = steps;
    }

    /** The path, or null when {@code text} is not one. */
    static SourcePath parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return null;
        }
        List<Object> steps = new ArrayList<>();
        for (String part : text.split("\\.", -1)) {
            Matcher m = STEP.matcher(part);
            if (!m.matches()) {
                return null;
            }
            steps.add(m.group(1));
            Matcher index = INDEX.matcher(m.group(2));
            while (index.find()) {
                steps.add(Integer.parseInt(index.group(1)));
            }
        }
        return new SourcePath(text, steps.toArray());
    }

    /** The value at this path, or a missing node when any step is absent. */
    JsonNode read(JsonNode root) {
        JsonNode at = root;
        for (Object step : steps) {
            at = step instanceof Integer i ? at.path(i) : at.path((String) step);
            if (at.isMissingNode()) {
                return MissingNode.getInstance();
            }
        }
        return at;
    }

    /**
     * Removes the value at this path from {@code root} (a source field that was mapped is moved, not
     * copied, so a definition that rejects unknown attributes does not see it twice), then every object
     * or array the removal left empty.
     */
    void remove(JsonNode root) {
        removeFrom(root, 0);
    }

    private boolean removeFrom(JsonNode at, int step) {
        Object key = steps[step];
        if (step == steps.length - 1) {
            if (key instanceof Integer i && at instanceof ArrayNode array && i < array.size()) {
                array.remove(i);
            } else if (key instanceof String name && at instanceof ObjectNode object) {
                object.remove(name);
            }
        } else {
            JsonNode child = key instanceof Integer i ? at.path(i) : at.path((String) key);
            if (!child.isContainerNode() || !removeFrom(child, step + 1)) {
                return false;
            }
            if (child.isEmpty()) {
                if (key instanceof Integer i && at instanceof ArrayNode array) {
                    array.remove(i);
                } else if (at instanceof ObjectNode object) {
                    object.remove((String) key);
                }
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }
}
