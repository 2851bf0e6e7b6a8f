// See include/CSimdjson.h.
#include "CSimdjson.h"

#include <new>
#include <simdjson.h>
#include <unistd.h>

// Only the document outlives the call: the parser's index buffers (and its padded copy of the input, when it
// needs one) are freed before Swift reads the tape, which keeps peak memory down on a 200 MB plan.

// simdjson reads up to SIMDJSON_PADDING bytes past the input. Memory is readable a whole page at a time, so when
// the input's last byte leaves that many bytes in its page (all but 64 of every 4096 sizes), those reads are
// safe whatever the buffer is (a mapped file, a heap block) and the input is parsed where it is: no copy of a
// 200 MB plan. Their content does not matter: simdjson stops at the input's length, and copies a document
// that is a lone number or atom into a padded buffer of its own.
static bool has_readable_padding(const uint8_t *bytes, size_t length) {
    static const uintptr_t page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
    uintptr_t last = reinterpret_cast<uintptr_t>(bytes) + length - 1;
    return page > 0 && (last % page) + 1 + simdjson::SIMDJSON_PADDING <= page;
}
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
            // A copy, when made, goes into a padded buffer the parser frees when it goes out of scope.
            bool copies = length == 0 || !has_readable_padding(bytes, length);
            code = parser.parse_into_document(document->document, bytes, length, copies).get(root);
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
