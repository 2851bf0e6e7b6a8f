// A tiny C face on simdjson's DOM parser (Debian's libsimdjson-dev), for Swift.
//
// Parsing validates the whole document (UTF-8 included) and bounds nesting. The result is simdjson's tape:
// one 64-bit word per value (its type in the top 8 bits), strings in a side buffer as a 32-bit length,
// the bytes and a NUL. The format is simdjson's documented tape (doc/tape.md of simdjson); Swift reads it
// in one pass, so no per-value call crosses the language boundary.
#ifndef CSIMDJSON_H
#define CSIMDJSON_H

#include <stddef.h>
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

#ifdef __cplusplus
}
#endif

#endif
