/* pkio-token-certificate.h
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

#include <gio/gio.h>

G_BEGIN_DECLS

#define PKIO_TYPE_TOKEN_CERTIFICATE (pkio_token_certificate_get_type ())

G_DECLARE_FINAL_TYPE (PkioTokenCertificate, pkio_token_certificate, PKIO, TOKEN_CERTIFICATE, GObject)

/* A certificate this close to its end is flagged, so that the citizen
 * renews before a signature fails. */
#define PKIO_TOKEN_CERTIFICATE_SOON_DAYS 30

typedef enum
{
  PKIO_TOKEN_CERTIFICATE_VALID,
  PKIO_TOKEN_CERTIFICATE_EXPIRING_SOON,
  PKIO_TOKEN_CERTIFICATE_EXPIRED,
  PKIO_TOKEN_CERTIFICATE_NOT_YET_VALID,
} PkioTokenCertificateValidity;

PkioTokenCertificate        *pkio_token_certificate_new_from_der    (GBytes               *der,
                                                                     const char           *label,
                                                                     GError              **error);
const char                  *pkio_token_certificate_get_label       (PkioTokenCertificate *self);
const char                  *pkio_token_certificate_get_subject     (PkioTokenCertificate *self);
const char                  *pkio_token_certificate_get_common_name (PkioTokenCertificate *self);
const char                  *pkio_token_certificate_get_issuer      (PkioTokenCertificate *self);
const char                  *pkio_token_certificate_get_serial      (PkioTokenCertificate *self);
const char                  *pkio_token_certificate_get_sha256      (PkioTokenCertificate *self);
GDateTime                   *pkio_token_certificate_get_not_before  (PkioTokenCertificate *self);
GDateTime                   *pkio_token_certificate_get_not_after   (PkioTokenCertificate *self);
gboolean                     pkio_token_certificate_has_key_usage   (PkioTokenCertificate *self);
guint                        pkio_token_certificate_get_key_usage   (PkioTokenCertificate *self);
char                        *pkio_token_certificate_dup_key_usage_text (PkioTokenCertificate *self);
gboolean                     pkio_token_certificate_is_non_repudiation (PkioTokenCertificate *self);
gboolean                     pkio_token_certificate_is_qualified    (PkioTokenCertificate *self,
                                                                     GDateTime            *now);
void                         pkio_token_certificate_get_qc_statements (PkioTokenCertificate *self,
                                                                       gboolean             *compliance,
                                                                       gboolean             *sscd);
GStrv                        pkio_token_certificate_dup_key_usage_names (PkioTokenCertificate *self);
GBytes                      *pkio_token_certificate_get_der         (PkioTokenCertificate *self);
PkioTokenCertificateValidity pkio_token_certificate_get_validity    (PkioTokenCertificate *self,
                                                                     GDateTime            *now);
gboolean                     pkio_token_certificate_equal           (PkioTokenCertificate *a,
                                                                     PkioTokenCertificate *b);

G_END_DECLS
