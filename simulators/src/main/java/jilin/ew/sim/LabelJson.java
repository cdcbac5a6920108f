package jilin.ew.sim;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/** The two JSON forms of a labels file. */
final class LabelJson {
    /** Every label with its domain: the mixed simulator's file, and any one simulator's but the mines'. */
    static final ObjectWriter WITH_DOMAIN = new ObjectMapper().writer();
    /** The mine simulator's own file: every label is a mine's, so no domain (the form that file has always had). */
    static final ObjectWriter WITHOUT_DOMAIN = new ObjectMapper().addMixIn(ScenarioLabel.class, NoDomain.class).writer();

    private LabelJson() {}

    @JsonIgnoreProperties("domain")
    private interface NoDomain {
    }
}
