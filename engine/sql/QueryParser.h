#pragma once

#include "engine/sql/AST.h"
#include "engine/sql/Lexer.h"
#include "engine/sql/Parser.h"

#include <string_view>
#include <vector>

namespace pipit
{

/// The recursive-descent parser behind Parser.h. One instance parses one statement (or expression) from a
/// position of a text. Tokens are lexed on demand, so inline INSERT data after VALUES/FORMAT is never lexed.
///
/// Error reporting follows ClickHouse: every failed check of a keyword/token records what was expected at the
/// current token; the error names the furthest token reached and everything expected there.
/// Implementation is split by area: QueryParser.cpp (tokens, errors, statements), QueryParserExpression.cpp,
/// QueryParserSelect.cpp, QueryParserCreate.cpp.
class QueryParser
{
public:
    QueryParser(std::string_view text, size_t begin, const ParserOptions & options);

    /// Parses one statement followed by ';' or the end of text (multi_statement: ';' required unless at end;
    /// inline INSERT data ends as documented in ASTInsertQuery). Returns nullptr if no statement remains.
    ASTPtr parseStatementAndEnd(bool multi_statement);
    /// Parses an expression (with optional AS alias) up to the end of text.
    ASTPtr parseExpressionToEnd();

    /// Byte offset after the statement and its ';' (valid after parseStatementAndEnd).
    size_t endPosition() const { return end_position_; }
    /// Byte range of the last parsed statement, without ';'.
    size_t statementBegin() const { return statement_begin_; }
    size_t statementEnd() const { return statement_end_; }

private:
    /// ---- tokens (QueryParser.cpp)
    const Token & peek(size_t ahead = 0)
    {
        if (index_ + ahead < tokens_.size()) [[likely]]
            return tokens_[index_ + ahead];
        return lexUpTo(ahead);
    }
    const Token & lexUpTo(size_t ahead);
    const Token & current() { return peek(0); }
    void advance() { ++index_; }
    std::string_view tokenText(const Token & token) const { return text_.substr(token.begin, token.end - token.begin); }
    bool isType(TokenType type, size_t ahead = 0) { return peek(ahead).type == type; }
    /// Case-insensitive check of a bare word (no recording of expectations).
    bool isKeyword(std::string_view keyword, size_t ahead = 0);
    /// Consumes `keyword` (may be several words: "ORDER BY") if present; otherwise records it as expected.
    bool parseKeyword(std::string_view keyword);
    /// Consumes a token of `type` if present; otherwise records it as expected.
    bool parseToken(TokenType type);
    void expectKeyword(std::string_view keyword);
    void expectToken(TokenType type);
    void noteExpected(std::string_view what);
    [[noreturn]] void fail();
    [[noreturn]] void failAt(const Token & token, const std::string & message);

    /// Identifier (bare word or quoted); records `what` as expected on failure.
    bool tryParseIdentifier(std::string & out, const char * what = "identifier");
    std::string expectIdentifier(const char * what = "identifier");
    /// [db.]name
    void parseDatabaseAndTable(std::string & database, std::string & table);
    std::string expectStringLiteral();
    UInt64 expectUnsignedInteger();
    SettingsChanges parseSettingsList();

    /// ---- statements (QueryParser.cpp)
    ASTPtr parseStatement();
    ASTPtr parseSelectStatement();
    void parseOutputClauses(ASTQueryWithOutput & query);
    ASTPtr parseInsert();
    ASTPtr parseDrop();
    ASTPtr parseShow();
    ASTPtr parseDescribe();
    ASTPtr parseExists();
    ASTPtr parseOptimize();
    ASTPtr parseAlter();
    std::shared_ptr<ASTAlterCommand> parseAlterCommand();
    ASTPtr parseExplain();
    ASTPtr parseSet();
    ASTPtr parseUse();
    ASTPtr parseRename();

    /// ---- CREATE (QueryParserCreate.cpp)
    ASTPtr parseCreate();
    ASTPtr parseCreateDatabase(size_t begin_offset);
    std::shared_ptr<ASTColumnDeclaration> parseColumnDeclaration(bool require_type);
    std::shared_ptr<ASTIndexDeclaration> parseIndexDeclaration();
    std::shared_ptr<ASTStorage> parseStorage(bool require_engine);
    std::shared_ptr<ASTTTLElement> parseTTLElement();
    std::vector<std::shared_ptr<ASTTTLElement>> parseTTLList();
    std::string parseCodec();

    /// ---- SELECT (QueryParserSelect.cpp)
    std::shared_ptr<ASTSelectWithUnionQuery> parseSelectWithUnion();
    ASTPtr parseSelectUnionElement();
    std::shared_ptr<ASTSelectQuery> parseSelect();
    bool isSelectStart(size_t ahead = 0);
    void parseWithList(ASTSelectQuery & select);
    void parseTables(ASTSelectQuery & select);
    std::shared_ptr<ASTTableExpression> parseTableExpression(bool allow_alias);
    bool tryParseJoin(ASTSelectQuery & select);
    void parseGroupBy(ASTSelectQuery & select);
    void parseLimit(ASTSelectQuery & select);
    ASTOrderByList parseOrderByList();
    std::shared_ptr<ASTOrderByElement> parseOrderByElement();
    std::shared_ptr<ASTWindowSpec> parseWindowSpecBody();
    void parseWindowFrameBound(ASTWindowSpec::BoundType & type, ASTPtr & offset);

    /// ---- expressions (QueryParserExpression.cpp), lowest precedence first
    ASTPtr parseExpression();
    /// Expression followed by an optional `AS alias` (or bare alias when allow_implicit_alias).
    ASTPtr parseExpressionWithAlias(bool allow_implicit_alias);
    ASTs parseExpressionList(bool allow_implicit_alias);
    bool tryParseAlias(std::string & alias, bool allow_implicit_alias);
    bool isLambdaStart();
    ASTPtr parseLambda();
    ASTPtr parseTernary();
    ASTPtr parseOr();
    ASTPtr parseAnd();
    ASTPtr parseNot();
    ASTPtr parseIsNull();
    ASTPtr parseComparison();
    ASTPtr parseConcat();
    ASTPtr parseAdditive();
    ASTPtr parseMultiplicative();
    ASTPtr parseUnary();
    ASTPtr parsePostfix();
    ASTPtr parsePrimary();
    ASTPtr parseNumberLiteral(const Token & token, bool negative);
    ASTPtr parseParenthesized();
    ASTPtr parseArray();
    ASTPtr parseCase();
    ASTPtr parseCast();
    ASTPtr parseExtract();
    ASTPtr tryParseInterval();
    ASTPtr parseQueryParameter();
    ASTPtr parseAsterisk(std::vector<std::string> qualifier, size_t offset);
    ASTPtr parseIdentifierOrFunction();
    ASTPtr parseFunctionCall(std::string name, size_t offset);
    /// Type name with normalised spacing: LowCardinality(Nullable(String)), Tuple(a UInt8), Enum8('a' = 1).
    std::string parseTypeName();

    /// Guards recursion: throws a syntax error past options_.max_depth nesting levels.
    struct DepthGuard
    {
        DepthGuard(QueryParser & parser_, size_t tree_levels = 1);
        ~DepthGuard();
        QueryParser & parser;
        size_t levels;
    };
    /// Accounts for one more tree level built by a loop (a + b + c ...); throws when the tree gets too deep.
    void addTreeLevel(size_t & levels_in_loop);
    void releaseTreeLevels(size_t levels_in_loop) { tree_depth_ -= levels_in_loop; }
    [[noreturn]] void failTooDeep();

    template <typename T>
    std::shared_ptr<T> makeNode(size_t offset)
    {
        auto node = std::make_shared<T>();
        node->offset = offset;
        return node;
    }
    std::shared_ptr<ASTFunction> makeOperator(std::string name, ASTs arguments, size_t offset);

    std::string_view text_;
    ParserOptions options_;
    Lexer lexer_;
    std::vector<Token> tokens_;
    size_t index_ = 0;

    size_t furthest_index_ = 0;
    /// Expectations are string literals (keywords, token descriptions): views, no allocation per check.
    std::vector<std::string_view> expected_;

    size_t depth_ = 0;
    size_t tree_depth_ = 0;
    size_t max_tree_depth_;

    /// Set while parsing inside a statement that may not have output clauses (subqueries).
    size_t end_position_ = 0;
    size_t statement_begin_ = 0;
    size_t statement_end_ = 0;
    /// Set by parseInsert for FORMAT/VALUES: the statement text ends at the inline data's end.
    bool statement_has_inline_data_ = false;
    bool multi_statement_ = false;
};

} // namespace pipit
