/* pkio-token-certificate.c
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

#include <glib/gi18n.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#include "pkio-token-certificate.h"
#include "pkio-token-error.h"

/* What the token panel and `pkio-order tokens` say about one certificate
 * object. It is parsed once, on the token monitor's worker thread, and never
 * changes afterwards, so it can be handed to the main thread as it is. */

struct _PkioTokenCertificate
{
  GObject    parent_instance;

  GBytes    *der;
  char      *label;
  char      *subject;
  char      *common_name;
  char      *issuer;
  char      *serial;
  char      *sha256;
  GDateTime *not_before;
  GDateTime *not_after;
  guint      key_usage;
  gboolean   has_key_usage;
};

G_DEFINE_FINAL_TYPE (PkioTokenCertificate, pkio_token_certificate, G_TYPE_OBJECT)

static void
pkio_token_certificate_finalize (GObject *object)
{
  PkioTokenCertificate *self = (PkioTokenCertificate *)object;

  g_clear_pointer (&self->der, g_bytes_unref);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->common_name, g_free);
  g_clear_pointer (&self->issuer, g_free);
  g_clear_pointer (&self->serial, g_free);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->not_before, g_date_time_unref);
  g_clear_pointer (&self->not_after, g_date_time_unref);

  G_OBJECT_CLASS (pkio_token_certificate_parent_class)->finalize (object);
}

static void
pkio_token_certificate_class_init (PkioTokenCertificateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pkio_token_certificate_finalize;
}

static void
pkio_token_certificate_init (PkioTokenCertificate *self)
{
}

static char *
hex_string (const guchar *data,
            gsize         len)
{
  GString *out = g_string_sized_new (len * 3);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (out, "%s%02X", i ? ":" : "", data[i]);

  return g_string_free (out, FALSE);
}

static char *
take_datum_string (gnutls_datum_t *datum)
{
  char *ret;

  /* Names on a token come from whoever wrote it: never trust them to be
   * valid UTF-8 before they reach a label. */
  ret = g_utf8_make_valid ((const char *)datum->data, datum->size);
  gnutls_free (datum->data);
  datum->data = NULL;

  return ret;
}

static GDateTime *
date_from_time (time_t t)
{
  if (t == (time_t)-1)
    return NULL;

  return g_date_time_new_from_unix_utc ((gint64)t);
}

/**
 * pkio_token_certificate_new_from_der:
 * @der: the certificate's CKA_VALUE
 * @label: (nullable): the object's CKA_LABEL
 * @error: return location for a #PKIO_TOKEN_ERROR_BAD_CERTIFICATE
 *
 * Returns: (transfer full) (nullable): the parsed certificate
 */
PkioTokenCertificate *
pkio_token_certificate_new_from_der (GBytes      *der,
                                     const char  *label,
                                     GError     **error)
{
  g_autoptr(PkioTokenCertificate) self = NULL;
  gnutls_x509_crt_t crt = NULL;
  gnutls_datum_t datum = { NULL, 0 };
  guchar buf[64];
  gsize buf_len;
  char cn[256];
  gsize cn_len = sizeof cn;
  unsigned int usage = 0;
  unsigned int critical = 0;
  int ret;

  g_return_val_if_fail (der != NULL, NULL);

  if ((ret = gnutls_x509_crt_init (&crt)) < 0)
    {
      g_set_error (error, PKIO_TOKEN_ERROR, PKIO_TOKEN_ERROR_BAD_CERTIFICATE,
                   "%s", gnutls_strerror (ret));
      return NULL;
    }

  datum.data = (unsigned char *)g_bytes_get_data (der, NULL);
  datum.size = g_bytes_get_size (der);
  ret = gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_DER);
  datum.data = NULL;
  if (ret < 0)
    {
      g_set_error (error, PKIO_TOKEN_ERROR, PKIO_TOKEN_ERROR_BAD_CERTIFICATE,
                   _("The certificate cannot be read: %s"), gnutls_strerror (ret));
      gnutls_x509_crt_deinit (crt);
      return NULL;
    }

  self = g_object_new (PKIO_TYPE_TOKEN_CERTIFICATE, NULL);
  self->der = g_bytes_ref (der);
  self->label = label && *label ? g_utf8_make_valid (label, -1) : NULL;

  if (gnutls_x509_crt_get_dn3 (crt, &datum, 0) >= 0)
    self->subject = take_datum_string (&datum);
  if (gnutls_x509_crt_get_issuer_dn3 (crt, &datum, 0) >= 0)
    self->issuer = take_datum_string (&datum);
  if (gnutls_x509_crt_get_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0, 0, cn, &cn_len) >= 0)
    self->common_name = g_utf8_make_valid (cn, cn_len);

  buf_len = sizeof buf;
  if (gnutls_x509_crt_get_serial (crt, buf, &buf_len) >= 0)
    self->serial = hex_string (buf, buf_len);

  buf_len = sizeof buf;
  if (gnutls_x509_crt_get_fingerprint (crt, GNUTLS_DIG_SHA256, buf, &buf_len) >= 0)
    self->sha256 = hex_string (buf, buf_len);

  self->not_before = date_from_time (gnutls_x509_crt_get_activation_time (crt));
  self->not_after = date_from_time (gnutls_x509_crt_get_expiration_time (crt));

  /* Without the extension a certificate may be used for anything, which is
   * not the same as "non-repudiation": keep the two apart. */
  if (gnutls_x509_crt_get_key_usage (crt, &usage, &critical) >= 0)
    {
      self->has_key_usage = TRUE;
      self->key_usage = usage;
    }

  gnutls_x509_crt_deinit (crt);

  if (self->not_before == NULL || self->not_after == NULL)
    {
      g_set_error (error, PKIO_TOKEN_ERROR, PKIO_TOKEN_ERROR_BAD_CERTIFICATE,
                   _("The certificate has no readable validity period"));
      return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
pkio_token_certificate_get_label (PkioTokenCertificate *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN_CERTIFICATE (self), NULL);
  return self->label;
}

const char *
pkio_token_certificate_get_subject (PkioTokenCertificate *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN_CERTIFICATE (self), NULL);
  return self->subject;
}

/**
 * pkio_token_certificate_get_common_name:
 *
 * Returns: (nullable): the subject's CN, else the object label, else the
 *   whole subject
 */
const char *
pkio_token_certificate_get_common_name (PkioTokenCertificate *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN_CERTIFICATE (self), NULL);

  if (self->common_name && *self->common_name)
    return self->common_name;
  if (self->label)
    return self->label;
  return self->subject;
}

const char *
pkio_token_certificate_get_issuer (PkioTokenCertificate *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN_CERTIFICATE (self), NULL);
  return self->issuer;
}

const char *
pkio_token_certificate_get_serial (PkioTokenCertificate *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN_CERTIFICATE (self), NULL);
  return self->serial;
}

const char *
pkio_token_certificate_get_sha256 (PkioTokenCertificate *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN_CERTIFICATE (self), NULL);
  return self->sha256;
}

GDateTime *
pkio_token_certificate_get_not_before (PkioTokenCertificate *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN_CERTIFICATE (self), NULL);
  return self->not_before;
}

GDateTime *
pkio_token_certificate_get_not_after (PkioTokenCertificate *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN_CERTIFICATE (self), NULL);
  return self->not_after;
}

gboolean
pkio_token_certificate_has_key_usage (PkioTokenCertificate *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN_CERTIFICATE (self), FALSE);
  return self->has_key_usage;
}

/**
 * pkio_token_certificate_get_key_usage:
 *
 * Returns: the GNUTLS_KEY_* bits, 0 when the extension is absent
 */
guint
pkio_token_certificate_get_key_usage (PkioTokenCertificate *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN_CERTIFICATE (self), 0);
  return self->key_usage;
}

/**
 * pkio_token_certificate_dup_key_usage_text:
 *
 * Returns: (transfer full): the key usages in words, comma-separated
 */
char *
pkio_token_certificate_dup_key_usage_text (PkioTokenCertificate *self)
{
  static const struct {
    guint       bit;
    const char *name;
  } usages[] = {
    { GNUTLS_KEY_DIGITAL_SIGNATURE, N_("digital signature") },
    { GNUTLS_KEY_NON_REPUDIATION, N_("non-repudiation") },
    { GNUTLS_KEY_KEY_ENCIPHERMENT, N_("key encipherment") },
    { GNUTLS_KEY_DATA_ENCIPHERMENT, N_("data encipherment") },
    { GNUTLS_KEY_KEY_AGREEMENT, N_("key agreement") },
    { GNUTLS_KEY_KEY_CERT_SIGN, N_("certificate signing") },
    { GNUTLS_KEY_CRL_SIGN, N_("CRL signing") },
  };
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (PKIO_IS_TOKEN_CERTIFICATE (self), NULL);

  if (!self->has_key_usage)
    return g_strdup (_("not restricted"));

  for (guint i = 0; i < G_N_ELEMENTS (usages); i++)
    {
      if ((self->key_usage & usages[i].bit) == 0)
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, _(usages[i].name));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * pkio_token_certificate_is_non_repudiation:
 *
 * A qualified signing certificate asserts non-repudiation (X.509
 * contentCommitment); that bit alone marks the candidate for signing.
 */
gboolean
pkio_token_certificate_is_non_repudiation (PkioTokenCertificate *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN_CERTIFICATE (self), FALSE);

  return self->has_key_usage && (self->key_usage & GNUTLS_KEY_NON_REPUDIATION) != 0;
}

GBytes *
pkio_token_certificate_get_der (PkioTokenCertificate *self)
{
  g_return_val_if_fail (PKIO_IS_TOKEN_CERTIFICATE (self), NULL);
  return self->der;
}

/**
 * pkio_token_certificate_get_validity:
 * @now: the time to judge at; tests pass a fixed one
 */
PkioTokenCertificateValidity
pkio_token_certificate_get_validity (PkioTokenCertificate *self,
                                     GDateTime            *now)
{
  g_autoptr(GDateTime) soon = NULL;

  g_return_val_if_fail (PKIO_IS_TOKEN_CERTIFICATE (self), PKIO_TOKEN_CERTIFICATE_EXPIRED);
  g_return_val_if_fail (now != NULL, PKIO_TOKEN_CERTIFICATE_EXPIRED);

  if (g_date_time_compare (now, self->not_before) < 0)
    return PKIO_TOKEN_CERTIFICATE_NOT_YET_VALID;
  if (g_date_time_compare (now, self->not_after) > 0)
    return PKIO_TOKEN_CERTIFICATE_EXPIRED;

  soon = g_date_time_add_days (now, PKIO_TOKEN_CERTIFICATE_SOON_DAYS);
  if (g_date_time_compare (soon, self->not_after) > 0)
    return PKIO_TOKEN_CERTIFICATE_EXPIRING_SOON;

  return PKIO_TOKEN_CERTIFICATE_VALID;
}

gboolean
pkio_token_certificate_equal (PkioTokenCertificate *a,
                              PkioTokenCertificate *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return g_bytes_equal (a->der, b->der) && g_strcmp0 (a->label, b->label) == 0;
}
