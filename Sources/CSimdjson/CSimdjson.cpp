// See include/CSimdjson.h.
#include "CSimdjson.h"

#include <new>
#include <simdjson.h>

// Only the document outlives the call: the parser's padded copy of the input and its index buffers are freed
// before Swift reads the tape, which keeps peak memory down on a 200 MB plan.
struct ss_json_document {
    simdjson::dom::document document;
};

extern "C" ss_json_document *ss_json_parse(const uint8_t *bytes, size_t length, size_t max_depth, int *error) {
    auto *document = new (std::nothrow) ss_json_document();
    if (document == nullptr) {
        *error = simdjson::MEMALLOC;
        return nullptr;
    }
    simdjson::error_code code;
    {
        simdjson::dom::parser parser;
        code = parser.allocate(length == 0 ? 1 : length, max_depth);
        if (code == simdjson::SUCCESS) {
            simdjson::dom::element root;
            // true: the input is copied into a padded buffer, which the parser frees when it goes out of scope.
            code = parser.parse_into_document(document->document, bytes, length, true).get(root);
        }
    }
    *error = code;
    if (code != simdjson::SUCCESS) {
        delete document;
        return nullptr;
    }
    return document;
}

extern "C" const uint64_t *ss_json_tape(const ss_json_document *document) {
    return document->document.tape.get();
}

extern "C" const uint8_t *ss_json_strings(const ss_json_document *document) {
    return document->document.string_buf.get();
}

extern "C" void ss_json_free(ss_json_document *document) { delete document; }

extern "C" const char *ss_json_error_message(int error) {
    return simdjson::error_message(static_cast<simdjson::error_code>(error));
}

extern "C" int ss_json_depth_error(void) { return simdjson::DEPTH_ERROR; }
