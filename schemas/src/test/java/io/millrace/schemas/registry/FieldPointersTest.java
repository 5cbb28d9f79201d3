package io.millrace.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.schemas.ModelVersion;
import org.junit.jupiter.api.Test;

class FieldPointersTest {

    @Test
    void pointersResolveToFieldPathsThroughNestedRecordsAndArrays() {
        assertThat(FieldPointers.resolve(ModelVersion.getClassSchema(), "/fields/0/type")).isEqualTo("model_name");
        assertThat(FieldPointers.resolve(ModelVersion.getClassSchema(), "/fields/8/type/fields/0/type/items/fields/1"))
                .isEqualTo("provenance.input_offsets.partition");
        assertThat(FieldPointers.resolve(ModelVersion.getClassSchema(), "/fields/99")).isNull();
    }

    @Test
    void aRegistryMessageGetsItsFieldsNamed() {
        String apicurio = "Incompatible artifact: models-value [AVRO], num of incompatible diffs: {1}, "
                + "list of diff types: [reader type: STRING not compatible with writer type: INT at /fields/1/type]";
        assertThat(FieldPointers.describe(ModelVersion.getClassSchema(), apicurio)).isEqualTo("/fields/1/type = version");
        assertThat(FieldPointers.describe(ModelVersion.getClassSchema(), "no pointers here")).isEmpty();
    }
}
