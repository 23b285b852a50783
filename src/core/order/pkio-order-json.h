/* pkio-order-json.h
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

#pragma once

#include <json-glib/json-glib.h>

#include "pkio-order.h"

G_BEGIN_DECLS

/* The request body is also the draft and command-line format: one shape,
 * written by one function. Only the card secrets differ by use. */
typedef enum
{
  PKIO_ORDER_JSON_REQUEST,   /* the body sent to CertCentral, card and all */
  PKIO_ORDER_JSON_DRAFT,     /* for disk: card number and CVV left out */
  PKIO_ORDER_JSON_DISPLAY,   /* for the review page: card number and CVV masked */
} PkioOrderJsonMode;

JsonNode  *pkio_order_to_json            (PkioOrder          *order,
                                          PkioOrderJsonMode   mode);
char      *pkio_order_to_json_string     (PkioOrder          *order,
                                          PkioOrderJsonMode   mode,
                                          gboolean            pretty);

PkioOrder *pkio_order_new_from_json      (JsonNode           *node,
                                          GPtrArray          *problems);
PkioOrder *pkio_order_new_from_json_data (const char         *data,
                                          gssize              length,
                                          GPtrArray          *problems,
                                          GError            **error);
gboolean   pkio_order_json_check_data    (const char         *data,
                                          gssize              length,
                                          GPtrArray         **problems,
                                          GError            **error);

G_END_DECLS
