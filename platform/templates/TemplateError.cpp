#include "platform/templates/TemplateError.h"

namespace pipit
{

TemplateError::TemplateError(std::string message, int http_status, std::string body)
    : Exception(ErrorCode::TEMPLATE_ERROR, std::move(message))
    , http_status_(http_status)
    , body_(std::move(body))
{
}

TemplateError TemplateError::python(const std::string & message)
{
    if (message.find("not callable") != std::string::npos || message.find("unhashable type") != std::string::npos)
        return TemplateError("Template Syntax Error: wrong syntax, you might be using a not valid function inside a control block");
    if (message.find("missing 1 required positional argument") != std::string::npos)
        return TemplateError("Template Syntax Error: one of the transform type functions is missing an argument");
    if (message.find("not supported between instances of 'Placeholder' and ") != std::string::npos)
        return TemplateError(
            message + ". If you are using a dynamic parameter, you need to wrap it around a valid Data Type (e.g. Int8(placeholder))");
    return TemplateError(message);
}

} // namespace pipit
