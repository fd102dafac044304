#include "platform/http/HttpErrorStatus.h"

#include "engine/base/Exception.h"
#include "platform/http/HttpResponse.h"
#include "platform/templates/TemplateError.h"

#include <new>

namespace pipit
{

int HttpErrorStatus::forCode(ErrorCode code)
{
    switch (code)
    {
    case ErrorCode::OK:
        return 200;
    case ErrorCode::AUTHENTICATION_FAILED:
        return 401;
    case ErrorCode::ACCESS_DENIED:
    case ErrorCode::TOKEN_EXPIRED:
        return 403;
    case ErrorCode::UNKNOWN_TABLE:
    case ErrorCode::UNKNOWN_DATABASE:
    case ErrorCode::UNKNOWN_WORKSPACE:
    case ErrorCode::UNKNOWN_TOKEN:
    case ErrorCode::UNKNOWN_JOB:
    case ErrorCode::UNKNOWN_PIPE:
        return 404;
    case ErrorCode::TABLE_ALREADY_EXISTS:
    case ErrorCode::DATABASE_ALREADY_EXISTS:
    case ErrorCode::WORKSPACE_ALREADY_EXISTS:
    case ErrorCode::TOKEN_ALREADY_EXISTS:
    case ErrorCode::CANNOT_DELETE_TOKEN:
    case ErrorCode::JOB_NOT_CANCELLABLE:
        return 409;
    case ErrorCode::PAYLOAD_TOO_LARGE:
        return 413;
    case ErrorCode::QUOTA_EXCEEDED:
        return 429;
    case ErrorCode::NOT_IMPLEMENTED:
        return 501;
    case ErrorCode::TIMEOUT_EXCEEDED:
        return 504;
    case ErrorCode::LOGICAL_ERROR:
    case ErrorCode::CANNOT_READ_FROM_FILE_DESCRIPTOR:
    case ErrorCode::CANNOT_WRITE_TO_FILE_DESCRIPTOR:
    case ErrorCode::CANNOT_OPEN_FILE:
    case ErrorCode::CANNOT_CLOSE_FILE:
    case ErrorCode::CANNOT_FSYNC:
    case ErrorCode::CANNOT_CREATE_DIRECTORY:
    case ErrorCode::CORRUPTED_DATA:
    case ErrorCode::CHECKSUM_DOESNT_MATCH:
    case ErrorCode::FILE_DOESNT_EXIST:
    case ErrorCode::METADATA_STORE_ERROR:
    case ErrorCode::MEMORY_LIMIT_EXCEEDED:
        return 500;
    default:
        return 400;
    }
}

int HttpErrorStatus::forQueryCode(ErrorCode code)
{
    switch (code)
    {
    case ErrorCode::UNKNOWN_TABLE:
    case ErrorCode::UNKNOWN_DATABASE:
    case ErrorCode::UNKNOWN_PIPE:
        return 400;
    default:
        return forCode(code);
    }
}

void HttpErrorStatus::writeError(const std::exception_ptr & error, HttpResponse & response, bool query_context)
{
    try
    {
        std::rethrow_exception(error);
    }
    catch (const TemplateError & e)
    {
        if (!e.body().empty())
            response.json(e.httpStatus(), e.body());
        else
            response.error(e.httpStatus(), e.message());
    }
    catch (const Exception & e)
    {
        response.error(query_context ? forQueryCode(e.code()) : forCode(e.code()), e.message());
    }
    catch (const std::bad_alloc &)
    {
        response.error(500, "Out of memory while processing the request");
    }
    catch (const std::exception & e)
    {
        response.error(500, std::string("Internal error: ") + e.what());
    }
    catch (...)
    {
        response.error(500, "Internal error");
    }
}

} // namespace pipit
