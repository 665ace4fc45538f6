// The tokens the lexer hands to the parser, as CPython's tokenizer makes them.
// Plain data; text views point into the lexer's copy of the source.
#pragma once

#include <cstdint>
#include <string_view>

namespace script::syntax {

enum class TokenType : std::uint8_t { EndMarker, Name, Number, String, Newline, Indent, Dedent, Op, Error };

enum class Op : std::uint8_t {
    None,  // not an operator, or a character no operator starts with ($, ?, !, `)
    LPar, RPar, LSqb, RSqb, Colon, Comma, Semi, Plus, Minus, Star, Slash, VBar, Amper, Less,
    Greater, Equal, Dot, Percent, LBrace, RBrace, EqEqual, NotEqual, LessEqual, GreaterEqual,
    Tilde, Circumflex, LeftShift, RightShift, DoubleStar, PlusEqual, MinEqual, StarEqual,
    SlashEqual, PercentEqual, AmperEqual, VBarEqual, CircumflexEqual, LeftShiftEqual,
    RightShiftEqual, DoubleStarEqual, DoubleSlash, DoubleSlashEqual, At, AtEqual, RArrow,
    Ellipsis, ColonEqual,
};

enum class Kw : std::uint8_t {
    NotKeyword, False, None, True, And, As, Assert, Async, Await, Break, Class, Continue, Def,
    Del, Elif, Else, Except, Finally, For, From, Global, If, Import, In, Is, Lambda, Nonlocal,
    Not, Or, Pass, Raise, Return, Try, While, With, Yield,
};

struct Token {
    TokenType type = TokenType::EndMarker;
    Op op = Op::None;
    Kw kw = Kw::NotKeyword;
    int level = 0;        // bracket depth after this token
    int line = 0, col = 0;          // col: 0-based bytes; -1 for INDENT/DEDENT/ENDMARKER
    int end_line = 0, end_col = 0;
    int error_col = 0;    // where CPython points when a token without a column is "the last token"
    std::string_view text;
};

}  // namespace script::syntax
