/** Post-deploy verification: traffic distribution, backend health, live drift and the judge that turns them into a verdict. */
package io.releasegate.verify;
