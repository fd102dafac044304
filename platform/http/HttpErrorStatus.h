#pragma once

#include "engine/base/ErrorCodes.h"

#include <exception>

namespace pipit
{

struct HttpResponse;

/// THE mapping of errors to HTTP statuses (tinybird.md §3.0). Every handler error goes through here.
class HttpErrorStatus
{
public:
    /// Status for an Exception code: 401 AUTHENTICATION_FAILED; 403 ACCESS_DENIED, TOKEN_EXPIRED;
    /// 404 UNKNOWN_TABLE/DATABASE/WORKSPACE/TOKEN/JOB/PIPE; 409 ..._ALREADY_EXISTS, JOB_NOT_CANCELLABLE,
    /// CANNOT_DELETE_TOKEN; 413 PAYLOAD_TOO_LARGE; 429 QUOTA_EXCEEDED; 501 NOT_IMPLEMENTED; 504 TIMEOUT_EXCEEDED;
    /// 500 internal and I/O errors (LOGICAL_ERROR, CANNOT_*_FILE, CORRUPTED_DATA, METADATA_STORE_ERROR, ...);
    /// 400 everything else (bad SQL, bad parameters, bad data).
    static int forCode(ErrorCode code);

    /// Status for errors inside a user's SQL (/v0/sql, q= on endpoints): like forCode, except that unknown
    /// tables, databases and pipes are the query's fault (400), as Tinybird answers SQL errors.
    static int forQueryCode(ErrorCode code);

    /// Fills `response` with the JSON error for `error` (a pipit::Exception, TemplateError with its own
    /// status/body, std::bad_alloc -> 500 "out of memory", anything else -> 500). Headers already set on the
    /// response (e.g. Retry-After) are kept.
    static void writeError(const std::exception_ptr & error, HttpResponse & response, bool query_context = false);
};

} // namespace pipit
