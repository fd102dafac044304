#pragma once

#include "engine/base/Exception.h"

#include <string>

namespace pipit
{

/// Error raised by parsing or rendering a template. `message()` is the exact text Tinybird answers
/// (e.g. "Template Syntax Error: Error validating 'x' to type Int32"); `httpStatus()` is 400 unless the
/// template called `custom_error(..., code)`. `body()` is the JSON body `custom_error` asked for (empty
/// for ordinary errors, where the server answers {"error": message}).
class TemplateError : public Exception
{
public:
    explicit TemplateError(std::string message, int http_status = 400, std::string body = {});

    /// A Python runtime error (TypeError, ValueError, ...) surfaced the way Tinybird does: texts about
    /// non-callables and missing arguments are replaced by its friendlier template messages.
    static TemplateError python(const std::string & message);

    int httpStatus() const { return http_status_; }
    const std::string & body() const { return body_; }

private:
    int http_status_;
    std::string body_;
};

} // namespace pipit
