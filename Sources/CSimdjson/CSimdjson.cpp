// See include/CSimdjson.h.
#include "CSimdjson.h"

#include <atomic>
#include <new>
#include <string>
#include <sys/mman.h>
#include <system_error>
#include <thread>
#include <vector>
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
extern "C" bool ss_json_has_readable_padding(const void *bytes, size_t length) {
    return length > 0 && has_readable_padding(static_cast<const uint8_t *>(bytes), length);
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

// MARK: Outline

namespace {

namespace od = simdjson::ondemand;

struct OutlineWalk {
    const char *base;
    size_t object_depth;
    size_t flush_bytes;
    ss_json_outline_sink sink;
    void *context;
    std::vector<ss_json_outline_node> nodes;
    std::string keys;
    size_t flushed = 0;
    size_t pending_bytes = 0;
    size_t members_done = 0;

    simdjson::error_code flush() {
        bool go_on = sink(context, nodes.data(), flushed, nodes.size(), reinterpret_cast<const uint8_t *>(keys.data()),
                          members_done);
        flushed = nodes.size();
        pending_bytes = 0;
        return go_on ? simdjson::SUCCESS : simdjson::UNEXPECTED_ERROR;
    }

    void push(int32_t parent, uint8_t kind, size_t key_offset, size_t key_length, const char *start, size_t length) {
        nodes.push_back({parent, kind, key_offset, key_length, static_cast<size_t>(start - base), length});
    }

    // A value left whole: its text, skipped over (for containers) without being built.
    simdjson::error_code whole(od::value value, int32_t parent, size_t key_offset, size_t key_length) {
        od::json_type type;
        SIMDJSON_TRY(value.type().get(type));
        std::string_view raw;
        if (type == od::json_type::object) {
            od::object object;
            SIMDJSON_TRY(value.get_object().get(object));
            SIMDJSON_TRY(object.raw_json().get(raw));
        } else if (type == od::json_type::array) {
            od::array array;
            SIMDJSON_TRY(value.get_array().get(array));
            SIMDJSON_TRY(array.raw_json().get(raw));
        } else {
            raw = value.raw_json_token();  // the token and the blanks after it
        }
        push(parent, 'w', key_offset, key_length, raw.data(), raw.size());
        pending_bytes += raw.size();
        return pending_bytes >= flush_bytes ? flush() : simdjson::SUCCESS;
    }

    simdjson::error_code walk(od::value value, int32_t parent, size_t key_offset, size_t key_length, size_t depth) {
        od::json_type type;
        SIMDJSON_TRY(value.type().get(type));
        if (depth >= object_depth || (type != od::json_type::object && type != od::json_type::array)) {
            return whole(value, parent, key_offset, key_length);
        }
        const char *start;
        SIMDJSON_TRY(value.current_location().get(start));
        auto self = static_cast<int32_t>(nodes.size());
        push(parent, type == od::json_type::object ? '{' : '[', key_offset, key_length, start, 0);
        if (type == od::json_type::object) {
            od::object object;
            SIMDJSON_TRY(value.get_object().get(object));
            for (auto member : object) {
                od::field field;
                SIMDJSON_TRY(std::move(member).get(field));
                std::string_view key;
                SIMDJSON_TRY(field.unescaped_key().get(key));
                size_t offset = keys.size();
                keys.append(key);
                SIMDJSON_TRY(walk(field.value(), self, offset, key.size(), depth + 1));
                // The reader learns at once that a member of the root is complete.
                if (depth == 0) {
                    members_done += 1;
                    SIMDJSON_TRY(flush());
                }
            }
        } else {
            od::array array;
            SIMDJSON_TRY(value.get_array().get(array));
            for (auto item : array) {
                od::value element;
                SIMDJSON_TRY(std::move(item).get(element));
                SIMDJSON_TRY(whole(element, self, 0, 0));
            }
        }
        return simdjson::SUCCESS;
    }
};

// The walk's parser keeps its structural index in a private member; its address is read through an explicit
// instantiation, to which access checks do not apply ([temp.spec.general]), so simdjson itself is unchanged.
template <typename Tag, typename Tag::type Member> struct PrivateMember {
    friend typename Tag::type member(Tag) { return Member; }
};
struct ParserImplementation {
    using type = std::unique_ptr<simdjson::internal::dom_parser_implementation> od::parser::*;
    friend type member(ParserImplementation);
};
template struct PrivateMember<ParserImplementation, &od::parser::implementation>;

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#endif
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

// Stage 1 over a 248 MB plan ran on one core for 0.2 to 0.3 s while the other waited, and more than half of it
// was page faults: the mapped text's pages, and the structural index's fresh ones (165 MiB, each cleared by the
// kernel on first touch). A thread of its own populates both ahead of stage 1 (Linux's MADV_POPULATE_READ and
// MADV_POPULATE_WRITE map pages without changing what they hold, so racing the writer is safe), a few
// megabytes at a time, and stops when stage 1 ends. The index is populated up to 3/4 of a byte per byte of text
// (terraform's JSON needs 0.7); denser text faults the rest in stage 1 as before. A kernel without these
// advices (before 5.14) refuses them, and the thread just stops.
class Prefault {
  public:
    /// `index` holds at least one `uint32_t` per byte of text (simdjson allocates that much).
    Prefault(const uint8_t *text, size_t length, const uint32_t *index) {
        size_t index_bytes = length / 4 * 3;
        try {
            thread_ = std::thread([this, text, length, index, index_bytes] {
                const size_t step = 4 << 20;
                for (size_t done = 0; done < length && !stop_.load(std::memory_order_relaxed); done += step) {
                    if (!populate(text + done, std::min(step, length - done), MADV_POPULATE_READ)) { return; }
                    size_t from = done / 4 * 3;
                    if (from >= index_bytes) { continue; }
                    auto start = reinterpret_cast<const uint8_t *>(index) + from;
                    if (!populate(start, std::min(step / 4 * 3, index_bytes - from), MADV_POPULATE_WRITE)) { return; }
                }
            });
        } catch (const std::system_error &) {
            // No thread to spare: stage 1 faults its pages itself, as it always did.
        }
    }
    ~Prefault() {
        stop_.store(true, std::memory_order_relaxed);
        if (thread_.joinable()) { thread_.join(); }
    }

  private:
    static bool populate(const uint8_t *start, size_t length, int advice) {
        static const uintptr_t page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
        uintptr_t first = reinterpret_cast<uintptr_t>(start) / page * page;
        uintptr_t end = reinterpret_cast<uintptr_t>(start) + length;
        return madvise(reinterpret_cast<void *>(first), end - first, advice) == 0;
    }
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

}  // namespace

extern "C" int ss_json_outline_walk(const uint8_t *bytes, size_t length, size_t object_depth, size_t flush_bytes,
                                    ss_json_outline_sink sink, void *context) {
    simdjson::error_code code;
    try {
        od::parser parser;
        auto text = reinterpret_cast<const char *>(bytes);
        od::document document;
        code = parser.allocate(length);
        if (code == simdjson::SUCCESS) {
            auto &implementation = parser.*member(ParserImplementation());
            Prefault prefault(bytes, length, implementation->structural_indexes.get());
            code = parser.iterate(simdjson::padded_string_view(text, length, length + simdjson::SIMDJSON_PADDING))
                       .get(document);
        }
        od::value root;
        if (code == simdjson::SUCCESS) { code = document.get_value().get(root); }
        OutlineWalk walk{text, object_depth, flush_bytes, sink, context, {}, {}};
        if (code == simdjson::SUCCESS) { code = walk.walk(root, -1, 0, 0, 0); }
        // Past the root, only the end may remain.
        if (code == simdjson::SUCCESS && document.current_location().error() != simdjson::OUT_OF_BOUNDS) {
            code = simdjson::TRAILING_CONTENT;
        }
        if (code == simdjson::SUCCESS && walk.flushed < walk.nodes.size()) { code = walk.flush(); }
    } catch (const std::bad_alloc &) {
        code = simdjson::MEMALLOC;
    }
    return code;
}

// MARK: Reused parser

struct ss_json_parser {
    simdjson::dom::parser parser;
};

extern "C" ss_json_parser *ss_json_parser_new(void) { return new (std::nothrow) ss_json_parser(); }

extern "C" bool ss_json_parser_parse(ss_json_parser *parser, const uint8_t *bytes, size_t length, size_t max_depth,
                                     const uint64_t **tape, const uint8_t **strings, int *error) {
    simdjson::error_code code = simdjson::SUCCESS;
    if (parser->parser.max_depth() != max_depth || parser->parser.capacity() < length) {
        code = parser->parser.allocate(length == 0 ? 1 : length, max_depth);
    }
    simdjson::dom::element root;
    if (code == simdjson::SUCCESS) { code = parser->parser.parse(bytes, length, false).get(root); }
    *error = code;
    if (code != simdjson::SUCCESS) { return false; }
    *tape = parser->parser.doc.tape.get();
    *strings = parser->parser.doc.string_buf.get();
    return true;
}

extern "C" void ss_json_parser_free(ss_json_parser *parser) { delete parser; }

extern "C" size_t ss_json_padding(void) { return simdjson::SIMDJSON_PADDING; }
