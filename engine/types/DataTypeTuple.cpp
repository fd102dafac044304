#include "engine/types/DataTypeTuple.h"

#include "engine/base/Exception.h"
#include "engine/io/ReadHelpers.h"
#include "engine/io/WriteHelpers.h"

#include <set>

namespace pipit
{

namespace
{

bool isPlainIdentifier(std::string_view s)
{
    if (s.empty() || (s[0] >= '0' && s[0] <= '9'))
        return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    return true;
}

} // namespace

DataTypeTuple::DataTypeTuple(DataTypes elements, std::vector<std::string> names)
    : elements_(std::move(elements))
    , names_(std::move(names))
{
    if (elements_.empty())
        throw Exception(ErrorCode::BAD_ARGUMENTS, "Tuple must have at least one element");
    if (!names_.empty())
    {
        if (names_.size() != elements_.size())
            throw Exception(ErrorCode::BAD_ARGUMENTS, "Tuple element names do not match the number of elements");
        std::set<std::string> seen;
        for (const auto & name : names_)
            if (name.empty() || !seen.insert(name).second)
                throw Exception(ErrorCode::BAD_ARGUMENTS, "Tuple element names must be non-empty and distinct, got '" + name + "'");
    }
}

ssize_t DataTypeTuple::tryGetPositionByName(std::string_view name) const
{
    for (size_t i = 0; i < names_.size(); ++i)
        if (names_[i] == name)
            return static_cast<ssize_t>(i);
    return -1;
}

std::string DataTypeTuple::getName() const
{
    WriteBufferFromString out;
    out.write("Tuple(");
    for (size_t i = 0; i < elements_.size(); ++i)
    {
        if (i)
            out.write(", ");
        if (!names_.empty())
        {
            if (isPlainIdentifier(names_[i]))
                out.write(names_[i]);
            else
                writeBackQuotedString(names_[i], out);
            out.write(' ');
        }
        out.write(elements_[i]->getName());
    }
    out.write(')');
    return out.release();
}

MutableColumnPtr DataTypeTuple::createColumn() const
{
    MutableColumns columns;
    for (const auto & element : elements_)
        columns.push_back(element->createColumn());
    return ColumnTuple::create(std::move(columns));
}

Field DataTypeTuple::getDefault() const
{
    FieldTuple t;
    for (const auto & element : elements_)
        t.values.push_back(element->getDefault());
    return Field(std::move(t));
}

void DataTypeTuple::serializeText(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    const auto & col = assertColumnCast<ColumnTuple>(column);
    out.write('(');
    for (size_t i = 0; i < elements_.size(); ++i)
    {
        if (i)
            out.write(',');
        elements_[i]->serializeTextQuoted(col.getColumn(i), row, out, settings);
    }
    out.write(')');
}

void DataTypeTuple::serializeTextEscaped(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    serializeText(column, row, out, settings);
}

void DataTypeTuple::serializeTextQuoted(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    serializeText(column, row, out, settings);
}

void DataTypeTuple::serializeTextCSV(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    const auto & col = assertColumnCast<ColumnTuple>(column);
    for (size_t i = 0; i < elements_.size(); ++i)
    {
        if (i)
            out.write(settings.csv_delimiter);
        elements_[i]->serializeTextCSV(col.getColumn(i), row, out, settings);
    }
}

void DataTypeTuple::serializeTextJSON(const IColumn & column, size_t row, WriteBuffer & out, const FormatSettings & settings) const
{
    const auto & col = assertColumnCast<ColumnTuple>(column);
    bool as_object = hasNames() && settings.json_named_tuples_as_objects;
    out.write(as_object ? '{' : '[');
    for (size_t i = 0; i < elements_.size(); ++i)
    {
        if (i)
            out.write(',');
        if (as_object)
        {
            writeJSONString(names_[i], out, settings.json_escape_forward_slashes);
            out.write(':');
        }
        elements_[i]->serializeTextJSON(col.getColumn(i), row, out, settings);
    }
    out.write(as_object ? '}' : ']');
}

template <typename F>
void DataTypeTuple::insertRow(IColumn & column, F && parse) const
{
    // Parse into scratch element columns and append them through ColumnTuple, which keeps its own
    // row count; a failure leaves `column` untouched.
    auto & col = assertColumnCast<ColumnTuple>(column);
    MutableColumns scratch;
    for (const auto & element : elements_)
        scratch.push_back(element->createColumn());
    parse(scratch);
    ColumnTuple rows(std::move(scratch));
    col.insertRangeFrom(rows, 0, rows.size());
}

void DataTypeTuple::deserializeTextQuoted(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    insertRow(column,
              [&](MutableColumns & cols)
              {
                  skipWhitespace(in);
                  assertChar('(', in);
                  for (size_t i = 0; i < elements_.size(); ++i)
                  {
                      skipWhitespace(in);
                      if (i)
                      {
                          assertChar(',', in);
                          skipWhitespace(in);
                      }
                      elements_[i]->deserializeTextQuoted(*cols[i], in, settings);
                  }
                  skipWhitespace(in);
                  assertChar(')', in);
              });
}

void DataTypeTuple::deserializeTextEscaped(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    deserializeTextQuoted(column, in, settings);
}

void DataTypeTuple::deserializeWholeText(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    deserializeTextQuoted(column, in, settings);
    skipWhitespace(in);
    if (!in.eof())
    {
        column.popBack(1);
        assertEOF(in, getName());
    }
}

void DataTypeTuple::deserializeTextCSV(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    insertRow(column,
              [&](MutableColumns & cols)
              {
                  for (size_t i = 0; i < elements_.size(); ++i)
                  {
                      if (i)
                          assertChar(settings.csv_delimiter, in);
                      elements_[i]->deserializeTextCSV(*cols[i], in, settings);
                  }
              });
}

void DataTypeTuple::deserializeTextJSON(IColumn & column, ReadBuffer & in, const FormatSettings & settings) const
{
    skipWhitespace(in);
    if (readJSONNullAsDefault(column, in, settings))
        return;
    insertRow(column,
              [&](MutableColumns & cols)
              {
                  skipWhitespace(in);
                  if (!in.eof() && in.peek() == '{')
                  {
                      in.ignore();
                      std::vector<bool> seen(elements_.size(), false);
                      size_t filled = 0;
                      skipWhitespace(in);
                      if (!checkChar('}', in))
                      {
                          while (true)
                          {
                              skipWhitespace(in);
                              std::string key;
                              readJSONString(key, in);
                              ssize_t pos = tryGetPositionByName(key);
                              if (pos < 0 || seen[static_cast<size_t>(pos)])
                                  throw Exception(ErrorCode::CANNOT_PARSE_TEXT,
                                                  "Unknown or repeated element '" + key + "' for " + getName());
                              skipWhitespace(in);
                              assertChar(':', in);
                              skipWhitespace(in);
                              elements_[static_cast<size_t>(pos)]->deserializeTextJSON(*cols[static_cast<size_t>(pos)], in, settings);
                              seen[static_cast<size_t>(pos)] = true;
                              ++filled;
                              skipWhitespace(in);
                              if (checkChar('}', in))
                                  break;
                              assertChar(',', in);
                          }
                      }
                      // Missing elements get their defaults.
                      if (filled != elements_.size())
                          for (size_t i = 0; i < elements_.size(); ++i)
                              if (!seen[i])
                                  cols[i]->insertDefault();
                      return;
                  }
                  assertChar('[', in);
                  for (size_t i = 0; i < elements_.size(); ++i)
                  {
                      skipWhitespace(in);
                      if (i)
                      {
                          assertChar(',', in);
                          skipWhitespace(in);
                      }
                      elements_[i]->deserializeTextJSON(*cols[i], in, settings);
                  }
                  skipWhitespace(in);
                  assertChar(']', in);
              });
}

void DataTypeTuple::serializeBinaryBulk(const IColumn & column, WriteBuffer & out, size_t offset, size_t limit) const
{
    const auto & col = assertColumnCast<ColumnTuple>(column);
    for (size_t i = 0; i < elements_.size(); ++i)
        elements_[i]->serializeBinaryBulk(col.getColumn(i), out, offset, limit);
}

void DataTypeTuple::deserializeBinaryBulk(IColumn & column, ReadBuffer & in, size_t limit) const
{
    insertRow(column,
              [&](MutableColumns & cols)
              {
                  for (size_t i = 0; i < elements_.size(); ++i)
                      elements_[i]->deserializeBinaryBulk(*cols[i], in, limit);
              });
}

} // namespace pipit
