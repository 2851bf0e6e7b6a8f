// A tiny C face on simdjson's DOM parser (Debian's libsimdjson-dev), for Swift.
//
// Parsing validates the whole document (UTF-8 included) and bounds nesting. The result is simdjson's tape:
// one 64-bit word per value (its type in the top 8 bits), strings in a side buffer as a 32-bit length,
// the bytes and a NUL. The format is simdjson's documented tape (doc/tape.md of simdjson); Swift reads it
// in one pass, so no per-value call crosses the language boundary.
#ifndef CSIMDJSON_H
#define CSIMDJSON_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A parsed document; owns the tape and the string buffer until freed.
typedef struct ss_json_document ss_json_document;

/// Parses `length` bytes with at most `max_depth` nested arrays/objects. On failure returns NULL and sets
/// `*error` to simdjson's error code (see ss_json_error_message); `*error` is 0 on success.
ss_json_document *ss_json_parse(const uint8_t *bytes, size_t length, size_t max_depth, int *error);

/// The tape: word 0 is the root marker, the document's value starts at word 1.
const uint64_t *ss_json_tape(const ss_json_document *document);

/// The string buffer the tape's string words point into.
const uint8_t *ss_json_strings(const ss_json_document *document);

/// Releases the document.
void ss_json_free(ss_json_document *document);

/// simdjson's text for an error code (static storage).
const char *ss_json_error_message(int error);

/// simdjson's code for "too deeply nested", so callers can name that case.
int ss_json_depth_error(void);

/// One node of a document's outline: an opened container, or a value left whole (its text to parse later).
typedef struct {
    /// Index of the enclosing opened container in the outline, or -1 for the root.
    int32_t parent;
    /// '{' or '[' for an opened container, 'w' for a value left whole.
    uint8_t kind;
    /// For a member of an object: its key, unescaped, in the outline's key bytes.
    size_t key_offset, key_length;
    /// The value's text in the document: [start, start + length).
    size_t start, length;
} ss_json_outline_node;

/// Receives the outline's nodes while the walk goes on: nodes [first, end) are new, `nodes` and `keys` hold every
/// node so far and are valid only during the call; `members_done` members of the root have been walked whole.
/// Return false to stop the walk.
typedef bool (*ss_json_outline_sink)(void *context, const ss_json_outline_node *nodes, size_t first, size_t end,
                                     const uint8_t *keys, size_t members_done);

/// Walks the document with simdjson's On Demand API (its structural index, no tape): the root and objects
/// down to `object_depth` levels are opened, arrays within those levels have their elements left whole, every
/// other value is left whole. The nodes reach `sink` in document order: whenever the values left whole since
/// the last call reach `flush_bytes`, and each time a member of the root has been walked. `bytes` must have
/// SIMDJSON_PADDING (64) readable bytes past `length`. Values left whole are only skipped here, not validated:
/// parse them before trusting the outline. Returns 0, or simdjson's error code when the walk fails (any
/// malformation it meets, or a key with a NUL byte; UNEXPECTED_ERROR when the sink stopped it).
int ss_json_outline_walk(const uint8_t *bytes, size_t length, size_t object_depth, size_t flush_bytes,
                         ss_json_outline_sink sink, void *context);

/// A DOM parser kept across parses, so the buffers of one parse are reused (touched memory costs time).
typedef struct ss_json_parser ss_json_parser;

ss_json_parser *ss_json_parser_new(void);

/// Parses `length` bytes that are followed by SIMDJSON_PADDING readable bytes. The tape and string buffer are
/// the parser's, valid until its next parse. false with `*error` set on failure.
bool ss_json_parser_parse(ss_json_parser *parser, const uint8_t *bytes, size_t length, size_t max_depth,
                          const uint64_t **tape, const uint8_t **strings, int *error);

void ss_json_parser_free(ss_json_parser *parser);

/// True when the SIMDJSON_PADDING bytes past the input's end are in its last page, so reading them is safe.
bool ss_json_has_readable_padding(const void *bytes, size_t length);

/// The bytes simdjson may read past the end of its input.
size_t ss_json_padding(void);

#ifdef __cplusplus
}
#endif

#endif
