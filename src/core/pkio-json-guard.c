/* pkio-json-guard.c
 *
 * Copyright 2026 The Pkio Authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pkio-json-guard.h"

/**
 * pkio_json_depth_ok:
 * @data: JSON text, possibly invalid
 * @length: its length, or -1 when nul-terminated
 * @max_depth: how many arrays and objects may be open at once
 *
 * json-glib's parser recurses once per nesting level, so 100,000 nested
 * arrays overflow the stack before it can report anything. This counts
 * brackets outside strings, in one pass with no recursion, so that such a
 * document is refused before it reaches the parser. It does not check
 * anything else: the parser still does.
 *
 * Returns: whether no point in @data is nested deeper than @max_depth
 */
gboolean
pkio_json_depth_ok (const char *data,
                    gssize      length,
                    guint       max_depth)
{
  gsize len;
  guint depth = 0;
  gboolean in_string = FALSE;

  if (data == NULL)
    return TRUE;

  len = length < 0 ? strlen (data) : (gsize) length;
  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          if (++depth > max_depth)
            return FALSE;
          break;
        case ']':
        case '}':
          /* Unbalanced closers are the parser's to report. */
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }

  return TRUE;
}
