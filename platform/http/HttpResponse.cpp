#include "platform/http/HttpResponse.h"

#include "platform/http/JsonWriter.h"

namespace pipit
{

void HttpResponse::error(int status_code, std::string_view message)
{
    JsonWriter writer;
    writer.startObject();
    writer.key("error");
    writer.value(message);
    writer.endObject();
    json(status_code, writer.take());
}

} // namespace pipit
