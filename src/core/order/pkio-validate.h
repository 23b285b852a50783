/* pkio-validate.h
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

#include <glib.h>

#include "pkio-wipe.h"

G_BEGIN_DECLS

/* Pure validators: no GObject, no GTK, no I/O beyond the iso-codes data.
 * The wizard and the command line call the same functions, so each rule is
 * written once. Every message is translated and names the field. */

typedef enum
{
  PKIO_VALIDATE_ERROR_EMPTY,
  PKIO_VALIDATE_ERROR_FORMAT,
  PKIO_VALIDATE_ERROR_CHECKSUM,
  PKIO_VALIDATE_ERROR_OUT_OF_RANGE,
  PKIO_VALIDATE_ERROR_TOO_LONG,
  PKIO_VALIDATE_ERROR_TITLE,
  PKIO_VALIDATE_ERROR_NOT_ALLOWED,
  PKIO_VALIDATE_ERROR_UNKNOWN_FIELD,
  PKIO_VALIDATE_ERROR_WRONG_TYPE,
} PkioValidateError;

#define PKIO_VALIDATE_ERROR (pkio_validate_error_quark ())

typedef enum
{
  PKIO_CARD_SCHEME_UNKNOWN,
  PKIO_CARD_SCHEME_VISA,
  PKIO_CARD_SCHEME_MASTERCARD,
  PKIO_CARD_SCHEME_AMEX,
  PKIO_CARD_SCHEME_DISCOVER,
  PKIO_CARD_SCHEME_DINERS,
  PKIO_CARD_SCHEME_JCB,
  PKIO_CARD_SCHEME_MAESTRO,
  PKIO_CARD_SCHEME_UNIONPAY,
} PkioCardScheme;

/* Longest name we accept: the X.520 upper bound of a common name, which
 * the certificate's subject is built from. */
#define PKIO_VALIDATE_NAME_MAX 64

GQuark          pkio_validate_error_quark              (void);

void            pkio_validate_set_today_for_testing    (const GDate  *today);
void            pkio_validate_get_today                (GDate        *today);

gboolean        pkio_validate_required                 (const char   *label,
                                                        const char   *text,
                                                        guint         max_chars,
                                                        GError      **error);
gboolean        pkio_validate_first_name               (const char   *text,
                                                        GError      **error);
gboolean        pkio_validate_last_name                (const char   *text,
                                                        GError      **error);
gboolean        pkio_validate_email                    (const char   *text,
                                                        GError      **error);
char           *pkio_telephone_dup_display             (const char   *text);
gboolean        pkio_validate_telephone                (const char   *text,
                                                        char        **normalized,
                                                        GError      **error);
gboolean        pkio_validate_country                  (const char   *code,
                                                        GError      **error);
gboolean        pkio_validate_postcode                 (const char   *country,
                                                        const char   *text,
                                                        char        **normalized,
                                                        GError      **error);
gboolean        pkio_validate_postcode_required        (const char   *country);
gboolean        pkio_validate_subdivision              (const char   *country,
                                                        const char   *label,
                                                        const char   *text,
                                                        GError      **error);
gboolean        pkio_validate_state                    (const char   *country,
                                                        const char   *text,
                                                        GError      **error);

gboolean        pkio_validate_validity_years           (int           years,
                                                        GError      **error);
gboolean        pkio_validate_validity_days            (int           days,
                                                        GError      **error);
gboolean        pkio_validate_custom_expiration_date   (const char   *text,
                                                        GDate        *date,
                                                        GError      **error);
char           *pkio_format_custom_expiration_date     (const GDate  *date);

PkioCardScheme  pkio_card_scheme_from_number           (const char   *number);
char           *pkio_card_number_mask                  (const char   *number);
char           *pkio_card_number_digits                (const char   *number);
gboolean        pkio_validate_card_number              (const char   *text,
                                                        GError      **error);
gboolean        pkio_validate_card_expiration_month    (const char   *month,
                                                        GError      **error);
gboolean        pkio_validate_card_expiration_year     (const char   *year,
                                                        GError      **error);
gboolean        pkio_validate_card_expiry              (const char   *month,
                                                        const char   *year,
                                                        GError      **error);
gboolean        pkio_validate_card_cvv                 (const char   *number,
                                                        const char   *cvv,
                                                        GError      **error);

G_END_DECLS
